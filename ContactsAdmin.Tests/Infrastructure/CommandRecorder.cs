using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>A command the app sent: its text and its parameters' names and values.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>
    /// The plan the store would choose for this command, as EXPLAIN's text lines (PostgreSQL's form: one line per
    /// row of the first column), asked on <paramref name="db"/>'s connection with the same parameters.
    /// </summary>
    public async Task<string> ExplainAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN " + Sql;
        foreach (var (name, value) in Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = name;
            copy.Value = value ?? DBNull.Value;
            explain.Parameters.Add(copy);
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Every command the app's contexts send (queries, scalars and writes), in order, with its parameters; a subclass may
/// keep fewer (<see cref="Records"/>). Register it with <see cref="StoreInterceptors.AddStoreInterceptors"/>;
/// <see cref="QueryPlanRecorder"/> asks SQLite for plans instead.
/// </summary>
public class CommandRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> commands = new();

    public IReadOnlyList<RecordedCommand> Commands => [.. commands];

    public IReadOnlyList<string> Texts => [.. commands.Select(c => c.Sql)];

    public void Clear() => commands.Clear();

    /// <summary>Whether this command is kept (<paramref name="writes"/>: it returns no rows). All are, here.</summary>
    protected virtual bool Records(DbCommand command, bool writes) => true;

    private void Record(DbCommand command, bool writes = false)
    {
        if (Records(command, writes))
            commands.Enqueue(new RecordedCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command, writes: true);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command, writes: true);
        return ValueTask.FromResult(result);
    }
}
