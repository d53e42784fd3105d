using System.Collections.Concurrent;
using System.Data.Common;
using ContactsAdmin.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Counts the queries the app sends for what pages show (contacts, cards, lookups), leaving out the sign-in machinery's
/// reads of the user tables (the cookie's checks, the layout's saved time zone), which are not a page's queries.
/// </summary>
public sealed class PageQueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> queries = new();

    public IReadOnlyList<string> Queries => [.. queries];

    public void Clear() => queries.Clear();

    /// <summary>Installs the counter in an app the test starts (<see cref="AppFactoryOptions.ConfigureHost"/>).</summary>
    public void InstallIn(IWebHostBuilder host) =>
        host.ConfigureServices(services => services.AddStoreInterceptors(this));

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

    private void Record(DbCommand command)
    {
        if (!command.CommandText.Contains("\"AspNet", StringComparison.Ordinal)) queries.Enqueue(command.CommandText);
    }
}
