using System.Data.Common;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>The store's tables and their columns, read from this run's engine's own catalog (not from the EF model).</summary>
public static class StoreCatalog
{
    /// <summary>Every column of every table (SQLite's full-text index and its shadow tables included), by table name and then by position.</summary>
    public static async Task<List<(string Table, string Column)>> ColumnsAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = TestStore.IsPostgreSql
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
            : "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var columns = new List<(string, string)>();
        while (await reader.ReadAsync(ct)) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }
}
