using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace ContactsAdmin.Data;

/// <summary>
/// Inserts many rows of one entity type on the context's connection and transaction with compiled multi-row
/// INSERTs (<c>VALUES (?, ...), (?, ...), ...</c>), their values bound by position. The columns and value
/// conversions come from the EF model (<see cref="ModelRows{T}"/>), and each value is bound as the text or number
/// Microsoft.Data.Sqlite would bind, so the store holds exactly what SaveChanges would store, and the statement
/// follows the model when it changes. The app's writers and the demo seeder all insert in bulk through this class.
/// </summary>
/// <remarks>
/// Why not SqliteCommand: each execution of one costs more than SQLite's own work for a row (a data reader, and a
/// lookup of every parameter by name, which SQLite answers by walking the statement's list of names, so a
/// statement of many rows would cost the square of its parameters), and bulk writes insert thousands of rows (a
/// new contact brings an audit row per field; the demo ten million activities). Why many rows per statement: the
/// search index (FTS5, filled by a trigger on Contacts) writes what it holds in memory to disk at every statement,
/// so a statement per contact made the contact rows cost more than twice as much. Why not one statement for all
/// rows (an earlier version sent them as one JSON array unpacked by json_each): SQLite then re-read each row's JSON
/// once per column, which cost more than binding. Statements go through SQLitePCLRaw, which Microsoft.Data.Sqlite
/// is built on, on the connection's own handle. Only this class speaks SQLite: PostgreSQL takes the same
/// <see cref="ModelRows{T}"/> (the model's columns and values) to its own bulk path.
/// </remarks>
internal sealed class ModelInsert<T> : IBulkInsert<T> where T : class
{
    /// <summary>SQLite refuses statements with more parameters than this (its default limit since 3.32).</summary>
    private const int MaxParameters = 32_766;
    private const int MaxRowsPerStatement = 1000;

    private readonly sqlite3 connection;
    private readonly ModelRows<T> rows;
    // Compiled per column list, row count and RETURNING: full statements, and the powers of two below them for the
    // rows left over, so a run of calls of any size compiles a handful of statements.
    private readonly Dictionary<(ModelColumns<T> Columns, int Rows, bool Returning), sqlite3_stmt> statements = [];

    public ModelInsert(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The context's connection is not open.");
        rows = new ModelRows<T>(db.Model);
    }

    /// <summary>
    /// Inserts the rows in the order given and returns the ids the store gave them, in that order. When the store
    /// refuses a row (a constraint), SQLite's error is thrown as a SqliteException; the rows of earlier statements
    /// stay in the transaction, for the caller to roll back.
    /// </summary>
    public long[] InsertReturningIds(IReadOnlyCollection<T> entities)
    {
        if (rows.Columns.GeneratedKey is null) throw new InvalidOperationException($"The store does not give {typeof(T).Name} its ids.");
        rows.Clear();
        foreach (var entity in entities) rows.Add(entity);
        var ids = new long[rows.Count];
        Insert(rows, ids);
        return ids;
    }

    /// <summary>
    /// Inserts rows made beforehand (on another thread, say), in their order; ids the store gives follow that order.
    /// A refused row throws as in <see cref="InsertReturningIds"/>.
    /// </summary>
    public void Insert(ModelRows<T> made) => Insert(made, ids: null);

    private void Insert(ModelRows<T> made, long[]? ids)
    {
        var columns = made.Columns;
        var full = Math.Min(MaxRowsPerStatement, MaxParameters / columns.Count);
        var value = 0;
        for (var done = 0; done < made.Count;)
        {
            var count = Math.Min(full, made.Count - done);
            if (count < full) count = 1 << (31 - int.LeadingZeroCount(count));   // the largest power of two that fits
            var statement = Statement(columns, count, ids is not null);
            for (var parameter = 1; parameter <= count * columns.Count; parameter++, value++)
                Check(Bind(statement, parameter, made, value));

            var returned = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (ids is not null && returned < count) ids[done + returned] = raw.sqlite3_column_int64(statement, 0);
                returned++;
            }
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, connection);
            if (ids is not null)
            {
                if (returned != count) throw new InvalidOperationException($"{returned} of {count} {typeof(T).Name} rows were inserted.");
                // RETURNING reports the rows in no promised order; each row inserted got a larger id than the one before.
                Array.Sort(ids, done, count);
            }
            done += count;
        }
    }

    private sqlite3_stmt Statement(ModelColumns<T> columns, int rowCount, bool returning)
    {
        if (statements.TryGetValue((columns, rowCount, returning), out var statement)) return statement;
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count)) + ")";
        var sql = $"INSERT INTO \"{columns.Table}\" ({string.Join(", ", columns.Names.Select(n => $"\"{n}\""))}) VALUES " +
            string.Join(", ", Enumerable.Repeat(row, rowCount)) + (returning ? $" RETURNING \"{columns.GeneratedKey}\"" : "");
        Check(raw.sqlite3_prepare_v2(connection, sql, out statement));
        statements[(columns, rowCount, returning)] = statement;
        return statement;
    }

    /// <summary>
    /// The value as Microsoft.Data.Sqlite binds it: integers and booleans as integers, times, days and text as UTF-8
    /// text (the database's encoding). SQLite copies bound text, so a time's text can live on the stack.
    /// </summary>
    internal static int Bind(sqlite3_stmt statement, int parameter, ModelRows<T> made, int value)
    {
        switch (made.KindAt(value))
        {
            case ModelRows<T>.Kind.Integer:
            case ModelRows<T>.Kind.Boolean:
                return raw.sqlite3_bind_int64(statement, parameter, made.IntegerAt(value));
            case ModelRows<T>.Kind.Real:
                return raw.sqlite3_bind_double(statement, parameter, made.RealAt(value));
            case ModelRows<T>.Kind.Text:
                return raw.sqlite3_bind_text(statement, parameter, made.TextAt(value));
            case ModelRows<T>.Kind.Time:
                Span<byte> time = stackalloc byte[27];
                return raw.sqlite3_bind_text(statement, parameter, time[..WriteTime(time, made.TicksAt(value))]);
            case ModelRows<T>.Kind.Day:
                Span<byte> day = stackalloc byte[10];
                var date = made.DayAt(value);
                WriteDay(day, date.Year, date.Month, date.Day);
                return raw.sqlite3_bind_text(statement, parameter, day);
            default:
                return raw.sqlite3_bind_null(statement, parameter);
        }
    }

    /// <summary>
    /// "yyyy-MM-dd HH:mm:ss.FFFFFFF": Microsoft.Data.Sqlite's text for a DateTime (the fraction without trailing zeros,
    /// and no dot when it is zero); returns its length.
    /// </summary>
    internal static int WriteTime(Span<byte> span, long ticks)
    {
        var value = new DateTime(ticks);
        WriteDay(span, value.Year, value.Month, value.Day);
        span[10] = (byte)' ';
        WriteDigits(span.Slice(11, 2), value.Hour);
        span[13] = (byte)':';
        WriteDigits(span.Slice(14, 2), value.Minute);
        span[16] = (byte)':';
        WriteDigits(span.Slice(17, 2), value.Second);
        var fraction = (int)(ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return 19;
        span[19] = (byte)'.';
        for (var i = 26; i >= 20; i--, fraction /= 10) span[i] = (byte)('0' + fraction % 10);
        var length = 27;
        while (span[length - 1] == '0') length--;
        return length;
    }

    /// <summary>"yyyy-MM-dd", as Microsoft.Data.Sqlite writes a DateOnly (and a DateTime's day).</summary>
    internal static void WriteDay(Span<byte> span, int year, int month, int day)
    {
        WriteDigits(span[..4], year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), day);
    }

    private static void WriteDigits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--, value /= 10) span[i] = (byte)('0' + value % 10);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection);
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Dispose();
        rows.Release();
    }
}
