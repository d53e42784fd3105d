using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>The SQL EF ran and the plan SQLite chose for it (EXPLAIN QUERY PLAN's detail lines).</summary>
public sealed record QueryPlan(string Sql, IReadOnlyList<string> Steps, int ParameterCount)
{
    public override string ToString() => Sql + Environment.NewLine + string.Join(Environment.NewLine, Steps.Select(s => "  -> " + s));
}

/// <summary>
/// Asks SQLite how it will run every query EF sends (EXPLAIN QUERY PLAN on the same command, same
/// parameters) before it runs, so tests and the benchmark can check that queries use the indexes.
/// (Shared with bench/ContactsAdmin.Bench, which links this file.)
/// </summary>
public sealed class QueryPlanRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<QueryPlan> plans = new();

    public IReadOnlyList<QueryPlan> Plans => [.. plans];

    /// <summary>Off, commands run as they are (the benchmark keeps it off while it times them).</summary>
    public bool Recording { get; set; } = true;

    public void Clear() => plans.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (!Recording) return result;
        plans.Enqueue(ExplainAsync(command, CancellationToken.None).GetAwaiter().GetResult());
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!Recording) return result;
        plans.Enqueue(await ExplainAsync(command, cancellationToken));
        return result;
    }

    private static async Task<QueryPlan> ExplainAsync(DbCommand command, CancellationToken ct)
    {
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.Value = parameter.Value;
            explain.Parameters.Add(copy);
        }
        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            steps.Add(reader.GetString(3));   // id, parent, notused, detail
        return new QueryPlan(command.CommandText, steps, command.Parameters.Count);
    }
}
