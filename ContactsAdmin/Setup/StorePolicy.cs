namespace ContactsAdmin.Setup;

/// <summary>
/// What start-up and the subcommands may do to the store, decided in one place. Outside Development nothing is
/// created and no demo data is written unless asked for: a missing store (an unmounted volume, a moved folder)
/// stops the app instead of being replaced by an empty one with a new Admin and fake contacts.
/// </summary>
/// <param name="MayCreate">Database:CreateIfMissing; by default true in Development only.</param>
/// <param name="SeedDemo">Seed:Demo; by default true in Development only.</param>
public sealed record StorePolicy(bool MayCreate, bool SeedDemo)
{
    public static StorePolicy From(IServiceProvider services, string environmentName)
    {
        var development = string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase);
        return new StorePolicy(
            MayCreate: services.GetRequiredService<DatabaseOptions>().CreateIfMissing ?? development,
            SeedDemo: services.GetRequiredService<SeedOptions>().Demo ?? development);
    }

    /// <summary>The subcommands run without a host: their environment comes from the same variables the web host reads.</summary>
    public static StorePolicy ForCommandLine(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return From(services, configuration["ASPNETCORE_ENVIRONMENT"] ?? configuration["DOTNET_ENVIRONMENT"] ?? Environments.Production);
    }
}
