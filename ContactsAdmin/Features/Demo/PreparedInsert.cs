using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// One INSERT statement compiled once and run per row with new parameter values: the fast way to write many
/// rows to SQLite inside a transaction. Values are stored the way EF Core stores them: enums by name, dates as
/// ISO text (Microsoft.Data.Sqlite's format is EF Core's), booleans as 0 and 1.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public PreparedInsert(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, bool returningId = false)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select((_, i) => $"$p{i}"));
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({values})" + (returningId ? " RETURNING \"Id\"" : "");
        parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value))).ToArray();
        command.Prepare();
    }

    public void Insert(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        command.ExecuteNonQuery();
    }

    public long InsertReturningId(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return (long)command.ExecuteScalar()!;
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
            throw new ArgumentException($"Expected {parameters.Length} values, got {values.Length}.", nameof(values));
        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Enum value => value.ToString(),
                var value => value,
            };
    }

    public void Dispose() => command.Dispose();
}
