using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's identifier look-up tables (<see cref="IdentifierLookupTables"/>) kept in step with the contacts. A claim is
/// <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, one statement per table for any number of keys, so a batch of
/// thousands costs what one contact does; a key it did not insert is looked up, and one another contact holds refuses the
/// write. Not a plain INSERT and its key's violation: a claim of a key the contact already holds (a re-save, an undo) is
/// no error, and a violation would abort the whole transaction of a batch for one key. Releases run first, so a key
/// one contact gives up in the write another may take in it. Keys go in sorted, so two writers claiming overlapping keys
/// wait for each other rather than deadlock.
/// </summary>
public sealed class PostgreSqlIdentifierStore : ContactIdentifierStore
{
    public override bool KeepsLookups => true;

    public override IQueryable<Contact> Holding(AppDbContext db, List<string> externalIds, List<string> emails, List<string> phones)
    {
        // The look-up tables' keys, then the contacts by id: on Citus each key's row is on one shard, each contact on one.
        IQueryable<long>? holders = null;
        void Add(IQueryable<long> ids) => holders = holders is null ? ids : holders.Concat(ids);
        if (externalIds.Count > 0) Add(db.Set<ContactExternalId>().Where(x => EF.Parameter(externalIds).Contains(x.ExternalId)).Select(x => x.ContactId));
        if (emails.Count > 0) Add(db.Set<ContactEmail>().Where(x => EF.Parameter(emails).Contains(x.EmailNormalized)).Select(x => x.ContactId));
        if (phones.Count > 0) Add(db.Set<ContactPhone>().Where(x => EF.Parameter(phones).Contains(x.Phone)).Select(x => x.ContactId));
        if (holders is null) return db.Contacts.Where(c => false);
        var found = holders;
        return db.Contacts.Where(c => found.Contains(c.Id));
    }

    public override IQueryable<ContactDevice> DevicesNamed(AppDbContext db, List<string> deviceIds, List<string> pushTokens)
    {
        var owners = db.Set<ContactDeviceId>().Where(x => EF.Parameter(deviceIds).Contains(x.DeviceId)).Select(x => x.ContactId);
        var byDeviceId = db.ContactDevices.Where(d => owners.Contains(d.ContactId) && EF.Parameter(deviceIds).Contains(d.DeviceId));
        if (pushTokens.Count == 0) return byDeviceId;
        var holders = db.Set<ContactPushToken>().Where(x => EF.Parameter(pushTokens).Contains(x.PushToken)).Select(x => x.ContactId);
        var byToken = db.ContactDevices.Where(d => holders.Contains(d.ContactId) && d.PushToken != null && EF.Parameter(pushTokens).Contains(d.PushToken));
        // Two queries joined, not one OR: an OR of two sub-selects would read every device.
        return deviceIds.Count == 0 ? byToken : byDeviceId.Union(byToken);
    }

    public override async Task<List<IdentifierKey>> HeldAsync(AppDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ExternalId, c.EmailNormalized, c.Phone }).ToListAsync(ct);
        var devices = await db.ContactDevices.AsNoTracking().Where(d => contactIds.Contains(d.ContactId))
            .Select(d => new { d.ContactId, d.DeviceId, d.PushToken }).ToListAsync(ct);
        var held = contacts.SelectMany(c => IdentifierKey.OfContact(c.Id, c.ExternalId, c.EmailNormalized, c.Phone)).ToList();
        held.AddRange(devices.SelectMany(d => IdentifierKey.OfDevice(d.ContactId, d.DeviceId, d.PushToken)).Distinct());
        return held;
    }

    public override async Task MoveAsync(AppDbContext db, IReadOnlyCollection<IdentifierKey> released, IReadOnlyCollection<IdentifierKey> claimed, CancellationToken ct)
    {
        if (released.Count == 0 && claimed.Count == 0) return;
        var (connection, transaction) = Session(db);
        var releasing = await WithoutDevicesStillHeldAsync(connection, transaction, released, ct);

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (kind, column, table) in IdentifierColumn.All)
        {
            var (values, owners) = Sorted(releasing, kind);
            if (values.Length == 0) continue;
            batch.BatchCommands.Add(Command(
                $"DELETE FROM \"{table}\" AS t USING unnest($1::text[], $2::bigint[]) AS r(key, owner) WHERE t.\"{column}\" = r.key AND t.\"ContactId\" = r.owner",
                values, owners));
        }
        foreach (var (kind, column, table) in IdentifierColumn.All)
        {
            var (values, owners) = Sorted(claimed, kind);
            if (values.Length == 0) continue;
            // Which kind a returned key is of travels with it: the reader's result sets skip the statements that return none.
            var returning = IdentifierColumn.Of(kind).Shared ? "" : $" RETURNING {(int)kind}, \"{column}\"";
            batch.BatchCommands.Add(Command(
                ClaimSql(table, column) + returning,
                values, owners));
        }
        var inserted = new HashSet<(ContactIdentifier, string)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct)) inserted.Add(((ContactIdentifier)reader.GetInt32(0), reader.GetString(1)));
            }
            while (await reader.NextResultAsync(ct));
        }

        var missed = claimed.Where(k => !IdentifierColumn.Of(k.Kind).Shared && !inserted.Contains((k.Kind, k.Value))).ToList();
        // A claimed key not inserted is held: by its own contact (a re-claim: fine), by another (refused), or by nobody
        // any more, its holder's release having committed since the insert looked: that one is claimed again.
        for (var round = 1; missed.Count > 0; round++)
        {
            var free = await FreeOrRefuseAsync(connection, transaction, missed, ct);
            if (free.Count == 0) return;
            // Changing hands faster than this writer can take it: refused like a taken key, and the write runs again.
            if (round == 3) throw Refusal(free[0].Kind);
            missed = await ClaimAgainAsync(connection, transaction, free, ct);
        }
    }

    /// <summary>
    /// Of keys an insert did not take, those nobody holds now; throws the refusal when another contact holds one. Keys held
    /// by their own contact drop out.
    /// </summary>
    private static async Task<List<IdentifierKey>> FreeOrRefuseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<IdentifierKey> missed, CancellationToken ct)
    {
        var free = new List<IdentifierKey>();
        foreach (var (kind, column, table) in IdentifierColumn.All)
        {
            var keys = missed.Where(k => k.Kind == kind).ToList();
            if (keys.Count == 0) continue;
            await using var command = new NpgsqlCommand($"SELECT \"{column}\", \"ContactId\" FROM \"{table}\" WHERE \"{column}\" = ANY($1)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Value).Distinct().ToArray() });
            var owners = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) owners[reader.GetString(0)] = reader.GetInt64(1);
            if (keys.Any(k => owners.TryGetValue(k.Value, out var owner) && owner != k.ContactId)) throw Refusal(kind);
            free.AddRange(keys.Where(k => !owners.ContainsKey(k.Value)));
        }
        return free;
    }

    /// <summary>Inserts keys found free; returns those another writer took first.</summary>
    private static async Task<List<IdentifierKey>> ClaimAgainAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<IdentifierKey> free, CancellationToken ct)
    {
        var taken = new List<IdentifierKey>();
        foreach (var (kind, column, table) in IdentifierColumn.All)
        {
            var (values, owners) = Sorted(free, kind);
            if (values.Length == 0) continue;
            await using var command = new NpgsqlCommand(
                ClaimSql(table, column) + $" RETURNING \"{column}\"",
                connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = values });
            command.Parameters.Add(new NpgsqlParameter { Value = owners });
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
            taken.AddRange(free.Where(k => k.Kind == kind && !inserted.Contains(k.Value)));
        }
        return taken;
    }

    /// <summary>A claim of keys (<c>$1</c>) for their contacts (<c>$2</c>); a key already held is left as it is.</summary>
    private static string ClaimSql(string table, string column) =>
        $"INSERT INTO \"{table}\" (\"{column}\", \"ContactId\") SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING";

    /// <summary>What a unique index's refusal was before the look-ups guarded: the write's retry and the form's message know it.</summary>
    private static DbUpdateException Refusal(ContactIdentifier kind)
    {
        var (_, column, table) = IdentifierColumn.Of(kind);
        return new DbUpdateException($"Another contact already holds this {column} (look-up table {table}).", new StoreIdentifierTakenException(column));
    }

    /// <summary>
    /// The releases less the device pairs the contact still has a row for: a device id may name two of a contact's
    /// devices (a web and an app registration), and the pair goes only with the last of them.
    /// </summary>
    private static async Task<List<IdentifierKey>> WithoutDevicesStillHeldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<IdentifierKey> released, CancellationToken ct)
    {
        var devices = released.Where(k => k.Kind == ContactIdentifier.DeviceId).ToList();
        if (devices.Count == 0) return [.. released];
        await using var command = new NpgsqlCommand(
            "SELECT d.\"DeviceId\", d.\"ContactId\" FROM \"ContactDevices\" AS d WHERE d.\"ContactId\" = ANY($2) AND d.\"DeviceId\" = ANY($1)",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = devices.Select(k => k.Value).Distinct().ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = devices.Select(k => k.ContactId).Distinct().ToArray() });
        var held = new HashSet<IdentifierKey>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) held.Add(new(ContactIdentifier.DeviceId, reader.GetString(0), reader.GetInt64(1)));
        return released.Where(k => !held.Contains(k)).ToList();
    }

    public override async Task ForgetAllAsync(AppDbContext db, CancellationToken ct)
    {
        var (connection, transaction) = Session(db);
        await using var command = new NpgsqlCommand(string.Concat(IdentifierColumn.All.Select(t => $"DELETE FROM \"{t.LookupTable}\";")), connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async Task IndexLoadedAsync(AppDbContext db, long fromId, CancellationToken ct)
    {
        var (connection, transaction) = Session(db);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var identifier in IdentifierColumn.All)
        {
            var (_, column, table) = identifier;
            var (holders, holder, held) = HeldIn(identifier);
            // A contact's two devices may share an id (a web and an app registration): one pair for both.
            var select = $"SELECT {(identifier.Shared ? "DISTINCT " : "")}\"{column}\", {holder} FROM {holders} WHERE {holder} >= $1 AND {held}";
            var command = new NpgsqlBatchCommand($"INSERT INTO \"{table}\" (\"{column}\", \"ContactId\") {select} ON CONFLICT DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = fromId });
            batch.BatchCommands.Add(command);
        }
        batch.Timeout = 0;   // a million contacts' rows: a one-off load, not a page waiting
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The rows where the look-up tables and the contacts disagree, both ways: a contact's identifier no row names
    /// (table, key, contact, "missing") and a row whose contact does not hold its key ("stale"). Empty when they are in
    /// step; the tests' databases check it when they are dropped, so a write path that forgets the look-ups fails.
    /// </summary>
    public static readonly string DriftQuery = string.Join("\nUNION ALL ", IdentifierColumn.All.SelectMany(DriftOf));

    private static IEnumerable<string> DriftOf(IdentifierColumn identifier)
    {
        var (_, column, table) = identifier;
        var (holders, holder, held) = HeldIn(identifier);
        yield return $"SELECT '{table}', k, c, 'missing' FROM (SELECT \"{column}\" AS k, {holder} AS c FROM {holders} WHERE {held} " +
                     $"EXCEPT SELECT \"{column}\", \"ContactId\" FROM \"{table}\") AS d";
        yield return $"SELECT '{table}', k, c, 'stale' FROM (SELECT \"{column}\" AS k, \"ContactId\" AS c FROM \"{table}\" " +
                     $"EXCEPT SELECT \"{column}\", {holder} FROM {holders}) AS d";
    }

    /// <summary>
    /// Where an identifier is held, as SQL: the table (Contacts, or ContactDevices), its contact id column, and the
    /// condition of a row that holds one (a device without an id has "", one without a token null).
    /// </summary>
    private static (string Holders, string Holder, string Held) HeldIn(IdentifierColumn identifier) => identifier switch
    {
        { OnDevices: false } => ("\"Contacts\"", "\"Id\"", $"\"{identifier.Column}\" IS NOT NULL"),
        { Kind: ContactIdentifier.DeviceId } => ("\"ContactDevices\"", "\"ContactId\"", $"\"{identifier.Column}\" <> ''"),
        _ => ("\"ContactDevices\"", "\"ContactId\"", $"\"{identifier.Column}\" IS NOT NULL"),
    };

    private static NpgsqlBatchCommand Command(string sql, string[] values, long[] owners)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = values });
        command.Parameters.Add(new NpgsqlParameter { Value = owners });
        return command;
    }

    private static (string[] Values, long[] Owners) Sorted(IEnumerable<IdentifierKey> keys, ContactIdentifier kind)
    {
        var ofKind = keys.Where(k => k.Kind == kind).Distinct().OrderBy(k => k.Value, StringComparer.Ordinal).ThenBy(k => k.ContactId).ToList();
        return ([.. ofKind.Select(k => k.Value)], [.. ofKind.Select(k => k.ContactId)]);
    }

    private static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Session(AppDbContext db) =>
        PostgreSqlWriteSession.Of(db, "Look-up rows");
}
