using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The tables that name contacts without belonging to one, left on the Citus coordinator as local tables
/// (docs/scale-out.md): a merge's record and a duplicate pair. Citus keeps no foreign key from a local table to a
/// distributed one, so on PostgreSQL they have none to Contacts; what their ON DELETE CASCADE did, the one way a contact
/// is removed does itself (<see cref="ContactReferences.DropAsync"/>), on both engines.
/// </summary>
internal static class CoordinatorTables
{
    public static void Declare(ModelBuilder builder)
    {
        WithoutForeignKeysToContacts<ContactMergeRecord>(builder);
        WithoutForeignKeysToContacts<DuplicatePair>(builder);
    }

    private static void WithoutForeignKeysToContacts<T>(ModelBuilder builder) where T : class
    {
        var entity = builder.Entity<T>().Metadata;
        foreach (var toContact in entity.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == typeof(Contact)).ToList())
            entity.RemoveForeignKey(toContact);
    }
}
