using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Base for tests of which indexes queries read: every query through <see cref="StoreTest.Factory"/> also asks SQLite
/// for its plan (<see cref="QueryPlanRecorder"/>); the rows written by <see cref="StoreTest.SeedAsync"/> are not traced.
/// </summary>
public abstract class TracedStoreTest : StoreTest
{
    protected QueryPlanRecorder Recorder { get; } = new();

    // The recorder speaks SQLite's EXPLAIN QUERY PLAN; the plan tests are SQLite's alone, so on PostgreSQL it records nothing.
    protected override void ConfigureServices(IServiceCollection services)
    {
        if (!TestStore.IsPostgreSql) services.AddStoreInterceptors(Recorder);
    }
}
