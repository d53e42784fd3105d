using System.Globalization;
using System.Text;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>
/// Every row of the given contacts in every table, as text: the Contacts rows by id and the rows of each table with a
/// ContactId column, every column, in a stable order. Two dumps are equal when nothing about the contacts changed.
/// </summary>
public static class ContactRowsDump
{
    public static async Task<string> OfAsync(TestDatabase database, params long[] contactIds)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var ids = string.Join(",", contactIds.Order());
        var dump = new StringBuilder();
        foreach (var table in (await StoreCatalog.ColumnsAsync(connection, Ct)).GroupBy(c => c.Table, c => c.Column))
        {
            var columns = table.ToList();
            var where = table.Key == "Contacts" ? $"\"Id\" IN ({ids})" : columns.Contains("ContactId") ? $"\"ContactId\" IN ({ids})" : null;
            if (where is null) continue;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Key}\" WHERE {where} ORDER BY {string.Join(", ", columns.Select(c => $"\"{c}\""))}";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                dump.Append(table.Key).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                    dump.Append(' ').Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }
}
