using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// INSERT statements for one table, compiled once and run with new values: one that inserts
/// <see cref="RowsPerStatement"/> rows at a time and one for the rows left over. Runs inside the connection's
/// current transaction.
/// </summary>
/// <remarks>
/// Binding is most of the cost of an insert from .NET, so it goes as directly as SQLite allows. SqliteCommand
/// looks every parameter up by name on every execution; SQLitePCLRaw (which Microsoft.Data.Sqlite is built on)
/// has SQLite copy each text and marshals a safe handle per call. Here parameters are bound by position, through
/// direct imports of e_sqlite3 (the SQLite that Microsoft.Data.Sqlite ships and has loaded), and text is bound as
/// SQLITE_STATIC: SQLite reads it where it lies in the rows' pinned buffer when the statement steps, which
/// happens before this class returns. Statements are compiled, stepped and finalized through SQLitePCLRaw.
/// </remarks>
internal sealed partial class PreparedInsert : IDisposable
{
    public const int RowsPerStatement = 100;

    private readonly sqlite3 db;
    private readonly int columns;
    private readonly sqlite3_stmt many;
    private readonly sqlite3_stmt one;

    public PreparedInsert(SqliteConnection connection, string table, string[] columns)
    {
        db = connection.Handle ?? throw new InvalidOperationException("Open the connection first.");
        this.columns = columns.Length;
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Length)) + ")";
        many = Prepare($"INSERT INTO \"{table}\" ({names}) VALUES {string.Join(", ", Enumerable.Repeat(row, RowsPerStatement))}");
        one = Prepare($"INSERT INTO \"{table}\" ({names}) VALUES {row}");
    }

    /// <summary>Inserts the rows, in order (so AUTOINCREMENT ids follow it).</summary>
    public void Write(DemoRows rows)
    {
        if (rows.Columns != columns)
            throw new ArgumentException($"Expected rows of {columns} values, got {rows.Columns}.", nameof(rows));
        var value = 0;
        var fullStatements = rows.Rows / RowsPerStatement;
        for (var statement = 0; statement < fullStatements; statement++)
        {
            var handle = many.DangerousGetHandle();
            for (var parameter = 1; parameter <= RowsPerStatement * columns; parameter++, value++)
                Check(Bind(handle, parameter, rows, value));
            Run(many);
        }
        while (value < rows.Values)
        {
            var handle = one.DangerousGetHandle();
            for (var parameter = 1; parameter <= columns; parameter++, value++)
                Check(Bind(handle, parameter, rows, value));
            Run(one);
        }
    }

    private static unsafe int Bind(IntPtr statement, int parameter, DemoRows rows, int value)
    {
        switch (rows.KindAt(value))
        {
            case DemoRows.Kind.Integer:
                return sqlite3_bind_int64(statement, parameter, rows.IntegerAt(value));
            case DemoRows.Kind.Real:
                return sqlite3_bind_double(statement, parameter, rows.RealAt(value));
            case DemoRows.Kind.Text:
                var text = rows.TextAt(value);
                // A pointer to no bytes may be null, which SQLite would take for NULL; '' it copies instead.
                if (text.IsEmpty) return sqlite3_bind_text(statement, parameter, EmptyText, 0, SqliteTransient);
                fixed (byte* bytes = text) return sqlite3_bind_text(statement, parameter, bytes, text.Length, SqliteStatic);
            default:
                return sqlite3_bind_null(statement, parameter);
        }
    }

    private void Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    public void Dispose()
    {
        many.Dispose();
        one.Dispose();
    }

    // SQLite's destructor markers: the text stays put until the statement is done with it, or copy it now.
    private static readonly IntPtr SqliteStatic = IntPtr.Zero;
    private static readonly IntPtr SqliteTransient = new(-1);
    private static readonly unsafe byte* EmptyText = (byte*)NativeMemory.Alloc(1);

    // Short calls that neither block nor call back into .NET, so they may skip the GC transition.
    [LibraryImport("e_sqlite3"), SuppressGCTransition]
    private static unsafe partial int sqlite3_bind_text(IntPtr statement, int parameter, byte* text, int length, IntPtr destructor);

    [LibraryImport("e_sqlite3"), SuppressGCTransition]
    private static partial int sqlite3_bind_int64(IntPtr statement, int parameter, long value);

    [LibraryImport("e_sqlite3"), SuppressGCTransition]
    private static partial int sqlite3_bind_double(IntPtr statement, int parameter, double value);

    [LibraryImport("e_sqlite3"), SuppressGCTransition]
    private static partial int sqlite3_bind_null(IntPtr statement, int parameter);
}
