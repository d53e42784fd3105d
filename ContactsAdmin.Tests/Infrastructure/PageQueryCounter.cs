using System.Data.Common;
using Microsoft.AspNetCore.Hosting;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Counts the queries the app sends for what pages show (contacts, cards, lookups), leaving out writes and the sign-in
/// machinery's reads of the user tables (the cookie's checks, the layout's saved time zone), which are not a page's queries.
/// </summary>
public sealed class PageQueryCounter : CommandRecorder
{
    public IReadOnlyList<string> Queries => Texts;

    /// <summary>Installs the counter in an app the test starts (<see cref="AppFactoryOptions.ConfigureHost"/>).</summary>
    public void InstallIn(IWebHostBuilder host) =>
        host.ConfigureServices(services => services.AddStoreInterceptors(this));

    protected override bool Records(DbCommand command, bool writes) =>
        !writes && !command.CommandText.Contains("\"AspNet", StringComparison.Ordinal);
}
