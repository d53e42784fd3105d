using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The keys that make the contact-owned tables distributable by contact with Citus (issue 21, docs/scale-out.md):
/// Citus wants the distribution column in the primary key and in every unique index, so a contact's activities,
/// devices and change history are keyed (ContactId, Id) here. Only on PostgreSQL: on SQLite a single Id is the rowid,
/// the table's own order, and a composite key would add a second B-tree to every insert of ten million activities.
/// Id stays an identity column, unique by itself, so code that names a row by Id alone still finds exactly one.
/// (A merge moves rows to another contact with their ids, ContactRowMover, so an id stands twice only inside its
/// transaction.) Custom field values and subscriptions are keyed (ContactId, FieldId/CategoryId) on both engines
/// already. What cannot take the contact (identifiers, event keys and push tokens unique across contacts; email events,
/// which belong to an address) has tables of its own keyed by it (docs/scale-out.md).
/// </summary>
internal static class ContactDistributionKeys
{
    public static void Declare(ModelBuilder builder)
    {
        KeyByContact<Activity>(builder, a => new { a.ContactId, a.Id }, a => a.Id);
        KeyByContact<ContactDevice>(builder, d => new { d.ContactId, d.Id }, d => d.Id);
        KeyByContact<AuditEntry>(builder, a => new { a.ContactId, a.Id }, a => a.Id);
    }

    private static void KeyByContact<T>(ModelBuilder builder, Expression<Func<T, object?>> key, Expression<Func<T, long>> id) where T : class
    {
        var entity = builder.Entity<T>();
        entity.HasKey(key);
        // A key of two columns gets no generated value by convention: the Id is still the database's to give.
        entity.Property(id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
    }
}
