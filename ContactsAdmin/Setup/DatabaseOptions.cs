namespace ContactsAdmin.Setup;

/// <summary>What start-up may do to a missing store, from the "Database" section.</summary>
public sealed record DatabaseOptions : ISettingsSection
{
    public static string Section => "Database";

    /// <summary>Let start-up (and the subcommands) create a missing database; unset, <see cref="StorePolicy"/> decides by environment.</summary>
    public bool? CreateIfMissing { get; init; }

    public IEnumerable<(string Key, string Problem)> Problems() => [];
}
