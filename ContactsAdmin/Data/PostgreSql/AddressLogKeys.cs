using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// An address's log (its email events and blacklist entries) keyed (Address, Id) on PostgreSQL, so Citus can distribute
/// both tables by the address and co-locate them (docs/scale-out.md, item 4): the fold, the card's log and the status
/// writes read one address's rows, on one shard. Id stays an identity column, unique by itself. The events' ContactId
/// is a pointer to whoever holds the address today, not an owner, so it has no foreign key here: Citus refuses one
/// between tables distributed by different columns, and deleting a contact unlinks its events itself
/// (<see cref="ContactReferences.DropAsync"/>), as SQLite's ON DELETE SET NULL does there.
/// </summary>
internal static class AddressLogKeys
{
    public static void Declare(ModelBuilder builder)
    {
        var emailEvent = builder.Entity<EmailEvent>();
        emailEvent.HasKey(e => new { e.Address, e.Id });
        emailEvent.Property(e => e.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        foreach (var toContact in emailEvent.Metadata.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == typeof(Contact)).ToList())
            emailEvent.Metadata.RemoveForeignKey(toContact);

        var blacklistEntry = builder.Entity<BlacklistEntry>();
        blacklistEntry.HasKey(b => new { b.Address, b.Id });
        blacklistEntry.Property(b => b.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
    }
}
