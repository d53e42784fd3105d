using ContactsAdmin.Tests.Infrastructure;
using Npgsql;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// The PostgreSQL schema stays distributable by contact with Citus (issue 21, docs/scale-out.md): read from the
/// catalog of a database the committed migrations made, every table that belongs to a contact (it has a ContactId
/// column) has the contact id in its primary key and in every unique index, and Contacts has its Id in each: a new
/// unique index that forgets the contact fails this test instead of joining them unnoticed. What is unique across contacts
/// (identifiers, event keys) lives in look-up tables distributed by that value instead, listed with the key each must
/// have, as are an address's logs; none of them may point at Contacts with a foreign key.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class CitusReadySchemaTests
{
    /// <summary>
    /// The tables distributed by an identifier rather than by contact, with the primary key each must have. The identifier
    /// look-up tables: the identifier first (the distribution column), and for device ids the contact too (a device id may
    /// name several). Erased contacts' suppressions: the kind and the hash they are looked up by (distributed by the hash).
    /// An address's log, its email events and blacklist entries: the address, then the row's id (distributed by the address,
    /// co-located with each other; an event's ContactId names whoever holds the address, it does not own the row). Events'
    /// keyValues: the key (distributed by its hash).
    /// </summary>
    private static readonly Dictionary<string, string[]> IdentifierTables = new(StringComparer.Ordinal)
    {
        ["ContactEmails"] = ["EmailNormalized"],
        ["ContactPhones"] = ["Phone"],
        ["ContactExternalIds"] = ["ExternalId"],
        ["ContactDeviceIds"] = ["DeviceId", "ContactId"],
        ["ContactPushTokens"] = ["PushToken"],
        ["ErasedSuppressions"] = ["Kind", "Hash"],
        ["EmailEvents"] = ["Address", "Id"],
        ["BlacklistEntries"] = ["Address", "Id"],
        ["ActivityEventKeys"] = ["EventKey"],
    };

    [Fact]
    public async Task Every_contact_owned_table_has_the_contact_id_in_its_primary_key_and_unique_indexes()
    {
        await using var database = await PostgreSqlDatabaseAsync();

        var problems = await ProblemsAsync(database.ConnectionString);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Each_table_distributed_by_an_identifier_is_keyed_by_it()
    {
        await using var database = await PostgreSqlDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT t.relname,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[]
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            WHERE x.indisprimary AND t.relname = ANY(@tables)
            """, connection);
        command.Parameters.AddWithValue("tables", IdentifierTables.Keys.ToArray());
        var keys = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) keys[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        }

        foreach (var (table, key) in IdentifierTables)
        {
            Assert.True(keys.TryGetValue(table, out var actual), $"{table}: no such table with a primary key.");
            Assert.Equal(key, actual);
        }
    }

    [Fact]
    public async Task Only_a_contact_s_own_rows_point_at_the_contacts_by_a_foreign_key()
    {
        // Citus keeps a foreign key between distributed tables only when both are co-located and it names the distribution
        // column, and none from a coordinator's local table to a distributed one: a table spread by address or key, or left
        // on the coordinator (merge records, duplicate pairs), cannot point at Contacts.
        await using var database = await PostgreSqlDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT t.relname, c.conname,
                   ARRAY(SELECT a.attname FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k)::text[]
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_class r ON r.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            WHERE c.contype = 'f' AND r.relname = 'Contacts'
            """, connection);
        var foreignKeys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                var (table, name, columns) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2));
                if (!IdentifierTables.ContainsKey(table) && columns is ["ContactId"]) continue;   // co-located, on the distribution column
                foreignKeys.Add($"{table}: {name} ({string.Join(", ", columns)})");
            }
        }

        Assert.Empty(foreignKeys);
    }

    [Fact]
    public async Task A_contact_owned_table_keyed_by_its_own_id_alone_is_reported_by_name()
    {
        await using var database = await PostgreSqlDatabaseAsync();
        await ExecuteAsync(database.ConnectionString, """
            CREATE TABLE "Notes" ("Id" bigint PRIMARY KEY, "ContactId" bigint NOT NULL, "Key" text);
            CREATE UNIQUE INDEX "IX_Notes_Key" ON "Notes" ("Key");
            """);

        var problems = await ProblemsAsync(database.ConnectionString);

        Assert.Contains("Notes: primary key Notes_pkey (Id) lacks ContactId.", problems);
        Assert.Contains("Notes: unique index IX_Notes_Key (Key) lacks ContactId.", problems);
    }

    private static async Task<TestDatabase> PostgreSqlDatabaseAsync()
    {
        if (!TestStore.IsPostgreSql) Assert.Skip("Reads PostgreSQL's catalog: runs in the PostgreSQL pass (CONTACTS_TEST_STORE=PostgreSQL).");
        return await TestDatabase.CreateAsync();
    }

    /// <summary>One line per rule broken: the table, the index, and the columns it has instead.</summary>
    private static async Task<List<string>> ProblemsAsync(string connectionString)
    {
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);

        // The tables distributed by contact, with the column that holds the contact: ContactId, or Contacts' own Id.
        var owned = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT c.relname, a.attname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
            WHERE c.relkind = 'r' AND (a.attname = 'ContactId' OR (c.relname = 'Contacts' AND a.attname = 'Id'))
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) owned[reader.GetString(0)] = reader.GetString(1);
        }
        Assert.Contains("Activities", owned.Keys);

        // Their primary keys and unique indexes (a unique constraint is one too), with their columns.
        var keyed = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT t.relname, i.relname, x.indisprimary,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k)::text[]
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            WHERE x.indisunique
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                var (table, index, primary, columns) = (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(3));
                if (!owned.TryGetValue(table, out var contactColumn) || IdentifierTables.ContainsKey(table)) continue;
                if (primary) keyed.Add(table);
                if (columns.Contains(contactColumn)) continue;
                problems.Add($"{table}: {(primary ? "primary key" : "unique index")} {index} ({string.Join(", ", columns)}) lacks {contactColumn}.");
            }
        }
        problems.AddRange(owned.Keys.Where(t => !keyed.Contains(t) && !IdentifierTables.ContainsKey(t)).Order(StringComparer.Ordinal)
            .Select(t => $"{t}: no primary key (it needs one with {owned[t]})."));
        return problems;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
