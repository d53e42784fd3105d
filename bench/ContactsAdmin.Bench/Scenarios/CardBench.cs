using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// Opening a contact card: every section of Contact Information (identifiers and devices, personal data with
/// custom fields, subscriptions, email status with its history, change history) for a contact with a full profile.
/// </summary>
public static class CardBench
{
    private const string Group = "card";

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRaw();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var cards = context.Create<ContactCardQueries>();

        // A contact with an email history and devices, from the middle of the table.
        await using var pick = raw.Command("""
            SELECT c.Id, c.EmailNormalized FROM Contacts c
            WHERE c.Id >= (SELECT MAX(Id) / 2 FROM Contacts) AND c.EmailNormalized IS NOT NULL
              AND EXISTS (SELECT 1 FROM ContactDevices d WHERE d.ContactId = c.Id)
              AND EXISTS (SELECT 1 FROM EmailEvents e WHERE e.Address = c.EmailNormalized)
            ORDER BY c.Id LIMIT 1
            """);
        await using var reader = await pick.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("No contact with devices and email events.");
        var (id, address) = (reader.GetInt64(0), reader.GetString(1));
        await reader.DisposeAsync();   // PostgreSQL runs one command at a time on a connection

        string[] sections =
        [
            "SELECT * FROM Contacts WHERE Id = @id",
            "SELECT * FROM ContactDevices WHERE ContactId = @id ORDER BY LastSeenAt DESC",
            "SELECT * FROM CustomFieldDefinitions",
            "SELECT * FROM CustomFieldValues WHERE ContactId = @id",
            "SELECT * FROM SubscriptionCategories ORDER BY SortOrder, Name",
            "SELECT * FROM ContactSubscriptions WHERE ContactId = @id",
            "SELECT * FROM EmailEvents WHERE Address = @address ORDER BY OccurredAt, Id",
            "SELECT * FROM AuditEntries WHERE ContactId = @id ORDER BY OccurredAt DESC, Id DESC LIMIT 200",
        ];
        var card = await cards.GetAsync(id, default);
        context.ExpectSameRows(Group, "contact card", card?.Contact.Id == id ? null : $"the card of #{id} shows {card?.Contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        await context.MeasureAsync(Group, "contact card, all sections of Contact Information", "< 10 ms",
            _ => cards.GetAsync(id, default),
            async () =>
            {
                foreach (var sql in sections)
                {
                    await using var command = raw.Command(sql, ("@id", id), ("@address", address));
                    await RawSql.DrainAsync(command);
                }
            }, note: $"contact #{id}");
    }
}
