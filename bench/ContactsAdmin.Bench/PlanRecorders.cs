using System.Collections.Concurrent;
using System.Data.Common;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactsAdmin.Bench;

/// <summary>--plans: the SQL the app ran in a scenario and how its engine ran it.</summary>
public interface IPlanRecorder
{
    IInterceptor Interceptor { get; }
    bool Recording { get; set; }
    IReadOnlyList<QueryPlan> Plans { get; }
    void Clear();
}

/// <summary>SQLite's plans: EXPLAIN QUERY PLAN, through the recorder the tests use.</summary>
public sealed class SqlitePlanRecorder : IPlanRecorder
{
    private readonly QueryPlanRecorder recorder = new() { Recording = false };

    public IInterceptor Interceptor => recorder;
    public bool Recording { get => recorder.Recording; set => recorder.Recording = value; }
    public IReadOnlyList<QueryPlan> Plans => recorder.Plans;
    public void Clear() => recorder.Clear();
}

/// <summary>
/// PostgreSQL's plans: EXPLAIN (ANALYZE, BUFFERS) of each query the app sends, with its parameters, run just before
/// the query itself (so the query then finds the pages cached: these are for reading, not for timing).
/// </summary>
public sealed class PostgreSqlPlanRecorder : DbCommandInterceptor, IPlanRecorder
{
    private readonly ConcurrentQueue<QueryPlan> plans = new();

    public IInterceptor Interceptor => this;
    public bool Recording { get; set; }
    public IReadOnlyList<QueryPlan> Plans => [.. plans];
    public void Clear() => plans.Clear();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!Recording) return result;
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            // Npgsql's parameters carry their PostgreSQL type (json, arrays): a clone keeps it.
            explain.Parameters.Add((DbParameter)((ICloneable)parameter).Clone());
        }
        var steps = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) steps.Add(reader.GetString(0));
        plans.Enqueue(new QueryPlan(command.CommandText, steps, command.Parameters.Count));
        return result;
    }
}
