using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's bulk path: rows of one entity type sent by binary COPY on the context's connection and transaction.
/// The rows come as <see cref="ModelRows{T}"/> holds them, encoded as SQLite binds values (dates as ISO text, booleans
/// 0 and 1); each column is written as its store type (from the EF model) expects, so the table holds what
/// SaveChanges would store. COPY runs no per-row statement at all: the server parses the stream straight into the
/// table, several times faster than multi-row INSERTs on PostgreSQL.
/// </summary>
internal sealed class PostgreSqlBulkCopy<T> : IBulkInsert<T> where T : class
{
    private readonly NpgsqlConnection connection;
    private readonly IEntityType entityType;
    // One plan per column list (the rows with their keys, or without).
    private readonly Dictionary<ModelColumns<T>, (string Copy, ColumnWriter[] Writers)> plans = [];

    private delegate void ColumnWriter(NpgsqlBinaryImporter importer, ModelRows<T> rows, int value);

    public PostgreSqlBulkCopy(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) throw new InvalidOperationException("The context's connection is not open.");
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

    private (string Copy, ColumnWriter[] Writers) Plan(ModelColumns<T> columns)
    {
        if (plans.TryGetValue(columns, out var plan)) return plan;
        var properties = entityType.GetProperties().ToDictionary(p => p.GetColumnName());
        var writers = columns.Names.Select(name => WriterFor(properties[name].GetColumnType())).ToArray();
        var copy = $"COPY \"{columns.Table}\" ({string.Join(", ", columns.Names.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT BINARY)";
        return plans[columns] = (copy, writers);
    }

    // The store type's wire format from the value ModelRows encoded (see ModelRows' Value overloads).
    private static ColumnWriter WriterFor(string storeType) => storeType switch
    {
        "bigint" => (importer, rows, value) => importer.Write(rows.IntegerAt(value), NpgsqlDbType.Bigint),
        "integer" => (importer, rows, value) => importer.Write(checked((int)rows.IntegerAt(value)), NpgsqlDbType.Integer),
        "smallint" => (importer, rows, value) => importer.Write(checked((short)rows.IntegerAt(value)), NpgsqlDbType.Smallint),
        "boolean" => (importer, rows, value) => importer.Write(rows.IntegerAt(value) != 0, NpgsqlDbType.Boolean),
        "double precision" => (importer, rows, value) => importer.Write(rows.RealAt(value), NpgsqlDbType.Double),
        "timestamp with time zone" => (importer, rows, value) => importer.Write(ParseTime(rows.TextAt(value), DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
        "timestamp without time zone" => (importer, rows, value) => importer.Write(ParseTime(rows.TextAt(value), DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
        "date" => (importer, rows, value) => importer.Write(ParseDay(rows.TextAt(value)), NpgsqlDbType.Date),
        _ when storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal) =>
            (importer, rows, value) => importer.Write(Encoding.UTF8.GetString(rows.TextAt(value)), NpgsqlDbType.Text),
        _ => throw new NotSupportedException($"{typeof(T).Name}: columns of type {storeType} are not written by {nameof(PostgreSqlBulkCopy<T>)}."),
    };

    /// <summary>"yyyy-MM-dd HH:mm:ss.FFFFFFF", as ModelRows writes a DateTime (the fraction optional).</summary>
    private static DateTime ParseTime(ReadOnlySpan<byte> text, DateTimeKind kind)
    {
        var day = ParseDay(text);
        var ticks = day.DayNumber * TimeSpan.TicksPerDay
            + Digits(text.Slice(11, 2)) * TimeSpan.TicksPerHour + Digits(text.Slice(14, 2)) * TimeSpan.TicksPerMinute + Digits(text.Slice(17, 2)) * TimeSpan.TicksPerSecond;
        if (text.Length > 20)
        {
            long fraction = Digits(text[20..]);
            for (var i = text.Length - 20; i < 7; i++) fraction *= 10;
            ticks += fraction;
        }
        return new DateTime(ticks, kind);
    }

    private static DateOnly ParseDay(ReadOnlySpan<byte> text) => new(Digits(text[..4]), Digits(text.Slice(5, 2)), Digits(text.Slice(8, 2)));

    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits) value = value * 10 + (digit - '0');
        return value;
    }

    public void Dispose() { }
}
