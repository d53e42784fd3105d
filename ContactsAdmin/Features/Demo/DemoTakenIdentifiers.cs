using System.Data.Common;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Identifiers demo contacts must not take: those already in the store (when seeding adds to existing data),
/// those given to earlier demo contacts, and addresses with an email history of their own (a new contact on
/// such an address would inherit its events, and its status would not be the demo's).
/// </summary>
internal sealed class DemoTakenIdentifiers
{
    public HashSet<string> Emails { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Phones { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ExternalIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PushTokens { get; } = new(StringComparer.Ordinal);

    public static async Task<DemoTakenIdentifiers> LoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var taken = new DemoTakenIdentifiers();
        // Names quoted, as both engines read them.
        await ReadInto(taken.Emails, "SELECT \"EmailNormalized\" FROM \"Contacts\" WHERE \"EmailNormalized\" IS NOT NULL " +
            "UNION SELECT \"Address\" FROM \"EmailEvents\" UNION SELECT \"Address\" FROM \"BlacklistEntries\"");
        await ReadInto(taken.Phones, "SELECT \"Phone\" FROM \"Contacts\" WHERE \"Phone\" IS NOT NULL");
        await ReadInto(taken.ExternalIds, "SELECT \"ExternalId\" FROM \"Contacts\" WHERE \"ExternalId\" IS NOT NULL");
        await ReadInto(taken.PushTokens, "SELECT \"PushToken\" FROM \"ContactDevices\" WHERE \"PushToken\" IS NOT NULL");
        return taken;

        async Task ReadInto(HashSet<string> set, string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
        }
    }
}
