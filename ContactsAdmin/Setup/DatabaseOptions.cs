using ContactsAdmin.Data;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Setup;

/// <summary>Which engine holds the store, and what start-up may do to a missing one, from the "Database" section.</summary>
public sealed record DatabaseOptions : ISettingsSection
{
    public static string Section => "Database";

    /// <summary>Sqlite (the default, a file) or PostgreSQL (a server); ConnectionStrings:Contacts is in that engine's form.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>Let start-up (and the subcommands) create a missing database; unset, <see cref="StorePolicy"/> decides by environment.</summary>
    public bool? CreateIfMissing { get; init; }

    public IEnumerable<(string Key, string Problem)> Problems() => [];

    /// <summary>
    /// The engine named in <paramref name="configuration"/>, read before the settings are bound (the store is registered
    /// first). A value that names no engine falls back to SQLite here; the settings' check stops start-up over it.
    /// </summary>
    public static StoreProvider ProviderIn(IConfiguration configuration) =>
        Enum.TryParse<StoreProvider>(configuration[$"{Section}:{nameof(Provider)}"], ignoreCase: true, out var provider) ? provider : StoreProvider.Sqlite;
}

/// <summary>
/// ConnectionStrings:Contacts lives outside the Database section, but whether it can work depends on the engine the
/// section names; a server's connection string that is missing or in another engine's form stops start-up here.
/// </summary>
internal sealed class ConnectionStringValidation(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        StoreEngine.For(options.Provider).ConnectionStringProblem(configuration.GetConnectionString("Contacts")) is { } problem
            ? ValidateOptionsResult.Fail("ConnectionStrings:Contacts: " + problem)
            : ValidateOptionsResult.Success;
}
