using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContactsAdmin.Data;

/// <summary>
/// Whether the running app still has its store: the file it opened at start-up is still at its path, and that path
/// can be written. The app's pooled connections hold the file they opened, so a store deleted or moved away while
/// the app runs would otherwise go on taking writes into a file nobody will find again.
/// </summary>
public sealed class StoreHealth(StoreFile file) : IHealthCheck, IDisposable
{
    private FileIdentity? opened;
    private IDisposable? inUse;

    /// <summary>Notes which file the app opened and marks it in use (called once the store is ready at start-up).</summary>
    public void RememberOpenedFile()
    {
        opened = file.Path is null ? null : FileIdentity.Of(file.Path);
        inUse ??= file.MarkInUse();
    }

    public void Dispose() => inUse?.Dispose();

    /// <summary>Why the store is gone or replaced, or null. One stat call: cheap enough for every write request.</summary>
    public string? Vanished() => file.Vanished(opened);

    /// <summary>
    /// Ready: the store is the one opened and can be written (a write in a transaction that is rolled back). The health
    /// check service logs the reason of an Unhealthy answer; the answer itself says only Unhealthy.
    /// </summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((Vanished() ?? file.WriteProblem()) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy());
}

/// <summary>The store is gone or replaced; the message names it, for the log.</summary>
public sealed class StoreUnavailableException(string message) : Exception(message);

/// <summary>
/// Opens no connection once the store has vanished, for every caller alike (pages over their circuit, jobs, the
/// API): a pooled connection would otherwise read and write the file the app opened, moved away or deleted, and
/// whatever it wrote would be lost. The check is one stat per open.
/// </summary>
internal sealed class StoreVanishedGuard(StoreHealth health) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Refuse();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Refuse();
        return ValueTask.FromResult(result);
    }

    private void Refuse()
    {
        if (health.Vanished() is { } problem) throw new StoreUnavailableException(problem);
    }
}
