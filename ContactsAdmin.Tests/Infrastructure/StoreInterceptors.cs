using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Adds interceptors to the app's contexts on this run's engine: each engine registers its own context type (PostgreSQL's
/// derives from <see cref="AppDbContext"/>), and EF applies a configuration only to the exact type it names.
/// </summary>
public static class StoreInterceptors
{
    public static IServiceCollection AddStoreInterceptors(this IServiceCollection services, params IInterceptor[] interceptors) =>
        TestStore.IsPostgreSql
            ? services.ConfigureDbContext<PostgreSqlAppDbContext>(options => options.AddInterceptors(interceptors))
            : services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(interceptors));
}
