using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's bulk path: rows of one entity type sent by binary COPY on the context's connection and transaction.
/// The rows come typed as <see cref="ModelRows{T}"/> holds them; each column is written in the binary format its store
/// type (from the EF model) expects, so the table holds what SaveChanges would store. COPY runs no per-row statement
/// at all: the server parses the stream straight into the table, several times faster than multi-row INSERTs on
/// PostgreSQL.
/// </summary>
internal sealed class PostgreSqlBulkCopy<T> : IBulkInsert<T> where T : class
{
    private readonly NpgsqlConnection connection;
    private readonly IEntityType entityType;
    private readonly IModel model;
    // One plan per column list (the rows with their keys, or without).
    private readonly Dictionary<ModelColumns<T>, (string Copy, ColumnWriter[] Writers)> plans = [];

    private delegate void ColumnWriter(NpgsqlBinaryImporter importer, ModelRows<T> rows, int value);

    public PostgreSqlBulkCopy(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) throw new InvalidOperationException("The context's connection is not open.");
        model = db.Model;
        entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
    }

    public void Insert(ModelRows<T> made)
    {
        if (made.Count == 0) return;
        var (copy, writers) = Plan(made.Columns);
        // COPY joins the connection's transaction by itself: PostgreSQL runs it inside whatever transaction is open.
        using var importer = connection.BeginBinaryImport(copy);
        var value = 0;
        for (var row = 0; row < made.Count; row++)
        {
            importer.StartRow();
            foreach (var write in writers)
            {
                if (made.KindAt(value) == ModelRows<T>.Kind.Null) importer.WriteNull();
                else write(importer, made, value);
                value++;
            }
        }
        importer.Complete();
    }

    /// <summary>
    /// COPY returns nothing, so the ids come first: as many as there are entities, taken from the key's sequence in one
    /// statement (in increasing order: a sequence hands one session increasing values), then written with the rows, as
    /// SaveChanges writes a key that is set.
    /// </summary>
    public long[] InsertReturningIds(IReadOnlyCollection<T> entities)
    {
        var keyed = new ModelRows<T>(model, withKey: true);
        var key = keyed.Columns.GeneratedKeyName ?? throw new InvalidOperationException($"The store does not give {typeof(T).Name} its ids.");
        var ids = new long[entities.Count];
        if (ids.Length == 0) return ids;
        using (var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection))
        {
            command.Parameters.AddWithValue("table", $"\"{keyed.Columns.Table}\"");
            command.Parameters.AddWithValue("column", key);
            command.Parameters.AddWithValue("count", ids.Length);
            using var reader = command.ExecuteReader();
            for (var i = 0; reader.Read(); i++) ids[i] = reader.GetInt64(0);
        }
        Array.Sort(ids);
        var n = 0;
        foreach (var entity in entities)
        {
            var id = ids[n++];
            // The row's writer reads the key from the entity: give it the id for the row, then take it back (as SQLite's path leaves it).
            keyed.Columns.SetGeneratedKey(entity, id);
            keyed.Add(entity);
            keyed.Columns.SetGeneratedKey(entity, 0);
        }
        Insert(keyed);
        return ids;
    }

    private (string Copy, ColumnWriter[] Writers) Plan(ModelColumns<T> columns)
    {
        if (plans.TryGetValue(columns, out var plan)) return plan;
        var properties = entityType.GetProperties().ToDictionary(p => p.GetColumnName());
        var writers = columns.Names.Select(name => WriterFor(properties[name].GetColumnType())).ToArray();
        var copy = $"COPY \"{columns.Table}\" ({string.Join(", ", columns.Names.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT BINARY)";
        return plans[columns] = (copy, writers);
    }

    // The store type's wire format from the typed value ModelRows recorded.
    private static ColumnWriter WriterFor(string storeType) => storeType switch
    {
        "bigint" => (importer, rows, value) => importer.Write(rows.IntegerAt(value), NpgsqlDbType.Bigint),
        "integer" => (importer, rows, value) => importer.Write(checked((int)rows.IntegerAt(value)), NpgsqlDbType.Integer),
        "smallint" => (importer, rows, value) => importer.Write(checked((short)rows.IntegerAt(value)), NpgsqlDbType.Smallint),
        "boolean" => (importer, rows, value) => importer.Write(rows.BooleanAt(value), NpgsqlDbType.Boolean),
        "double precision" => (importer, rows, value) => importer.Write(rows.RealAt(value), NpgsqlDbType.Double),
        "timestamp with time zone" => (importer, rows, value) => importer.Write(new DateTime(rows.TicksAt(value), DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
        "timestamp without time zone" => (importer, rows, value) => importer.Write(new DateTime(rows.TicksAt(value), DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
        "date" => (importer, rows, value) => importer.Write(rows.DayAt(value), NpgsqlDbType.Date),
        _ when storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal) =>
            (importer, rows, value) => importer.Write(Encoding.UTF8.GetString(rows.TextAt(value)), NpgsqlDbType.Text),
        _ => throw new NotSupportedException($"{typeof(T).Name}: columns of type {storeType} are not written by {nameof(PostgreSqlBulkCopy<T>)}."),
    };

    public void Dispose() { }
}
