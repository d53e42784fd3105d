using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The grid's sorts on a nullable column (name, email, phone, country, language) end with the id, which breaks ties.
/// SQLite's indexes carry the rowid, which is the id, so each gives that whole order. PostgreSQL's do not: there the
/// first group of equal keys, the contacts without the value (NULL sorts first, <see cref="NullsLowestOrdering"/>),
/// some 70,000 to 300,000 at a million contacts, was read and sorted by id before the first row came out (0.2 to
/// 0.8 s). So on PostgreSQL each of these indexes ends with the id. Only here: SQLite has it already.
/// The two dates (the default sort, and last edit) end with the id too: a deep page steps over the sort's ids alone
/// (ContactPaging), which is an index-only scan only when the index holds the id (page 10,000: 11 s -> 0.4 s).
/// </summary>
internal static class SortIndexesWithId
{
    /// <summary>The name of the index of named contacts, which Name A to Z reads first (ContactPaging).</summary>
    public const string NamedIndex = "IX_Contacts_Named_LastName_FirstName_Id";

    public static void Declare(ModelBuilder builder)
    {
        var contact = builder.Entity<Contact>();
        Replace(contact, c => c.CreatedAt, c => new { c.CreatedAt, c.Id });
        Replace(contact, c => c.LastEditAt, c => new { c.LastEditAt, c.Id });
        Replace(contact, c => c.Country, c => new { c.Country, c.Id });
        Replace(contact, c => c.Language, c => new { c.Language, c.Id });
        Replace(contact, c => new { c.LastName, c.FirstName }, c => new { c.LastName, c.FirstName, c.Id });
        // The email's and phone's unique indexes stay as they are (the value alone is unique); the sort gets its own.
        contact.HasIndex(c => new { c.EmailNormalized, c.Id });
        contact.HasIndex(c => new { c.Phone, c.Id });
        // Name A to Z reads the named contacts, then the nameless ones (ContactPaging.NamedFirstAsync). The full index
        // starts with the nameless ones, each checked in its row (PostgreSQL reads a row to test an OR on two columns);
        // this one starts at the first named contact. Its filter is the query's condition as EF writes it.
        contact.HasIndex(c => new { c.LastName, c.FirstName, c.Id }, NamedIndex)
            .HasFilter("\"LastName\" IS NOT NULL OR \"FirstName\" IS NOT NULL");
    }

    private static void Replace(EntityTypeBuilder<Contact> contact, Expression<Func<Contact, object?>> shared, Expression<Func<Contact, object?>> withId)
    {
        var index = contact.HasIndex(shared).Metadata;
        contact.Metadata.RemoveIndex(index);
        contact.HasIndex(withId);
    }
}
