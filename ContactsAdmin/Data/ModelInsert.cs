using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace ContactsAdmin.Data;

/// <summary>
/// Inserts many rows of one entity type on the context's connection and transaction with compiled multi-row
/// INSERTs (<c>VALUES (?, ...), (?, ...), ...</c>), their values bound by position. The columns and value
/// conversions come from the EF model, and each value is bound as the text or number Microsoft.Data.Sqlite would
/// bind, so the store holds exactly what SaveChanges would store, and the statement follows the model when it changes.
/// </summary>
/// <remarks>
/// Why not SqliteCommand: each execution of one costs more than SQLite's own work for a row (a data reader, and a
/// lookup of every parameter by name, which SQLite answers by walking the statement's list of names), and bulk
/// writes insert thousands of rows (a new contact brings an audit row per field). Why many rows per statement: the
/// search index (FTS5, filled by a trigger on Contacts) writes what it holds in memory to disk at every statement,
/// so a statement per contact made the contact rows cost more than twice as much. Why not one statement for all rows (an
/// earlier version sent them as one JSON array unpacked by json_each): SQLite then re-read each row's JSON once per
/// column, which cost more than binding. Statements go through SQLitePCLRaw, which Microsoft.Data.Sqlite is built
/// on, on the connection's own handle.
/// </remarks>
internal sealed class ModelInsert<T> : IDisposable where T : class
{
    /// <summary>SQLite refuses statements with more parameters than this (its default limit since 3.32).</summary>
    private const int MaxParameters = 32_766;
    private const int MaxRowsPerStatement = 1000;

    private readonly sqlite3 connection;
    private readonly Shape shape;
    // Compiled by row count: the full size, and the size of the last statement of a call.
    private readonly Dictionary<int, sqlite3_stmt> statements = [];
    private byte[] utf8 = new byte[512];
    private (DateTime Time, string? Text) lastTime;

    /// <summary>
    /// What the model says about the table: the columns, a compiled reader of each, the statement's text. Built once
    /// per model (compiling the readers costs about as much as inserting a few rows), kept as one reference so
    /// threads read it whole.
    /// </summary>
    private sealed record Shape(IEntityType EntityType, (string Name, Func<T, object?> Read)[] Columns, string InsertInto, string Returning, int RowsPerStatement);

    private static Shape? cached;

    public ModelInsert(AppDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The context's connection is not open.");
        shape = cached is { } known && known.EntityType == entityType ? known : (cached = ShapeOf(entityType));
    }

    private static Shape ShapeOf(IEntityType entityType)
    {
        var properties = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        return new Shape(
            entityType,
            [.. properties.Select(p => (p.Name, Reader(p)))],
            $"INSERT INTO \"{entityType.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ",
            $" RETURNING \"{entityType.FindPrimaryKey()!.Properties.Single().GetColumnName()}\"",
            Math.Min(MaxRowsPerStatement, MaxParameters / properties.Count));
    }

    /// <summary>
    /// Inserts the rows in the order given and returns the ids the store gave them, in that order. When the store
    /// refuses a row (a constraint), SQLite's error is thrown as a SqliteException; the rows of earlier statements
    /// stay in the transaction, for the caller to roll back.
    /// </summary>
    public long[] InsertMany(IReadOnlyCollection<T> entities)
    {
        var ids = new long[entities.Count];
        using var rows = entities.GetEnumerator();
        for (var done = 0; done < ids.Length;)
        {
            var count = Math.Min(shape.RowsPerStatement, ids.Length - done);
            var statement = Statement(count);
            var parameter = 1;
            for (var row = 0; row < count && rows.MoveNext(); row++)
            {
                foreach (var (name, read) in shape.Columns)
                    Check(Bind(statement, parameter++, read(rows.Current), name));
            }

            var returned = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (returned < count) ids[done + returned] = raw.sqlite3_column_int64(statement, 0);
                returned++;
            }
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, connection);
            if (returned != count) throw new InvalidOperationException($"{returned} of {count} {typeof(T).Name} rows were inserted.");
            // RETURNING reports the rows in no promised order; each row inserted got a larger id than the one before.
            Array.Sort(ids, done, count);
            done += count;
        }
        return ids;
    }

    private sqlite3_stmt Statement(int rows)
    {
        if (statements.TryGetValue(rows, out var statement)) return statement;
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", shape.Columns.Length)) + ")";
        Check(raw.sqlite3_prepare_v2(connection, shape.InsertInto + string.Join(", ", Enumerable.Repeat(row, rows)) + shape.Returning, out statement));
        statements[rows] = statement;
        return statement;
    }

    /// <summary>The value as Microsoft.Data.Sqlite binds it: integers as integers, dates and text as text.</summary>
    private int Bind(sqlite3_stmt statement, int parameter, object? value, string column) => value switch
    {
        null => raw.sqlite3_bind_null(statement, parameter),
        string text => BindText(statement, parameter, text),
        bool flag => raw.sqlite3_bind_int64(statement, parameter, flag ? 1 : 0),
        long number => raw.sqlite3_bind_int64(statement, parameter, number),
        int number => raw.sqlite3_bind_int64(statement, parameter, number),
        short number => raw.sqlite3_bind_int64(statement, parameter, number),
        byte number => raw.sqlite3_bind_int64(statement, parameter, number),
        double number => raw.sqlite3_bind_double(statement, parameter, number),
        DateTime time => BindText(statement, parameter, Formatted(time)),
        DateOnly date => BindText(statement, parameter, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        Enum member => raw.sqlite3_bind_int64(statement, parameter, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"{typeof(T).Name}.{column}: values of type {value.GetType().Name} are not written by {nameof(ModelInsert<T>)}."),
    };

    /// <summary>Text as UTF-8, the database's encoding: bound as UTF-16, SQLite would convert every value itself.</summary>
    private int BindText(sqlite3_stmt statement, int parameter, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > utf8.Length) utf8 = new byte[Math.Max(most, 2 * utf8.Length)];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        return raw.sqlite3_bind_text(statement, parameter, utf8.AsSpan(0, length));
    }

    /// <summary>A time as Microsoft.Data.Sqlite writes it; rows of one write share their time (an audit row per field), so the last one is kept.</summary>
    private string Formatted(DateTime time)
    {
        if (lastTime.Text is null || lastTime.Time != time)
            lastTime = (time, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
        return lastTime.Text;
    }

    /// <summary>Reads the property's value as the store keeps it (after the model's value converter, if any), compiled once.</summary>
    private static Func<T, object?> Reader(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property to read.");
        var entity = Expression.Parameter(typeof(T), "entity");
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, info), typeof(object)), entity).Compile();
        var converter = ((RelationalTypeMapping)property.GetTypeMapping()).Converter;
        if (converter is null) return read;
        var toProvider = converter.ConvertToProvider;
        return e => read(e) is { } value ? toProvider(value) : null;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection);
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Dispose();
    }
}
