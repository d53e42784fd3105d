namespace ContactsAdmin.Setup;

/// <summary>
/// A section of the configuration, bound to this type at start-up (<see cref="SettingsSetup"/>), that says which of
/// its values cannot work. Defaults are the properties' initial values: a key left out keeps its default.
/// </summary>
public interface ISettingsSection
{
    /// <summary>The section's path in the configuration, e.g. "Api".</summary>
    static abstract string Section { get; }

    /// <summary>Each key (under the section, e.g. "RateLimit:PermitLimit") whose value cannot work, and what to set instead.</summary>
    IEnumerable<(string Key, string Problem)> Problems();
}
