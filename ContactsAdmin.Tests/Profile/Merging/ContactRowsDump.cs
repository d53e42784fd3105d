using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>
/// Every row of the given contacts in every table, as text: the Contacts rows by id and the rows of each table with a
/// ContactId column, every column, in a stable order. Two dumps are equal when nothing about the contacts changed.
/// </summary>
public static class ContactRowsDump
{
    public static async Task<string> OfAsync(string connectionString, params long[] contactIds)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        var ids = string.Join(",", contactIds.Order());
        var dump = new StringBuilder();
        foreach (var table in await TablesAsync(connection))
        {
            var columns = await ColumnsAsync(connection, table);
            var where = table == "Contacts" ? $"Id IN ({ids})" : columns.Contains("ContactId") ? $"ContactId IN ({ids})" : null;
            if (where is null) continue;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY {string.Join(", ", columns.Select(c => $"\"{c}\""))}";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                dump.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                    dump.Append(' ').Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL TABLE%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) names.Add(reader.GetString(0));
        return names;
    }
}
