using System.Data.Common;

namespace ContactsAdmin.Bench.Stores;

/// <summary>
/// A raw connection for the hand-written baselines and the dialect its SQL is written in. The scenarios write their
/// SQL once, with bare identifiers and @parameters; <see cref="RawDialect"/> holds what differs between the engines.
/// </summary>
public sealed class RawSql(DbConnection connection, RawDialect dialect) : IDisposable, IAsyncDisposable
{
    public RawDialect Dialect { get; } = dialect;

    /// <summary>Columns of Contacts that may hold NULL (from the app's model): PostgreSQL needs to be told where they sort.</summary>
    public IReadOnlySet<string> NullableContactColumns { get; set; } = new HashSet<string>();

    public DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = Dialect.Sql(sql);
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>ORDER BY for a column list and direction (aliased c), with the Id tie-breaker in the same direction.</summary>
    public string Order(string columns, bool descending) =>
        string.Join(", ", columns.Split(',').Select(c => c.Trim()).Append("Id")
            .Select(c => Dialect.OrderTerm("c." + c, descending, NullableContactColumns.Contains(c))));

    /// <summary>Reads every value of every row, as materialising them in the app would; the first column's values (the ids) are returned.</summary>
    public static async Task<List<long>> DrainAsync(DbCommand command)
    {
        var firsts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            if (values[0] is long or int) firsts.Add(Convert.ToInt64(values[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        return firsts;
    }

    public void Dispose() => connection.Dispose();

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
