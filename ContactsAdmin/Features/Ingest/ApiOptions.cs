using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Ingest;

/// <summary>Limits of the HTTP API, from the "Api" section of the configuration.</summary>
public sealed record ApiOptions : ISettingsSection
{
    public static string Section => "Api";

    /// <summary>Contacts in one bulk request at most (spec section 5).</summary>
    public const int MaxBulkContacts = 3000;

    /// <summary>Events in one bulk request (POST /events) at most, as many as contacts.</summary>
    public const int MaxBulkEvents = 3000;

    /// <summary>A larger body is refused with 413. 3000 contacts of ordinary size take about 1.5 MB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Requests per window for one API key.</summary>
    public ApiRateLimit RateLimit { get; init; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Submissions per window from one IP address to the public form endpoint.</summary>
    public ApiRateLimit FormRateLimit { get; init; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxRequestBodyBytes < 1) yield return ("MaxRequestBodyBytes", "must be a number of bytes above 0, e.g. 4194304.");
        foreach (var problem in RateLimit.Problems("RateLimit")) yield return problem;
        foreach (var problem in FormRateLimit.Problems("FormRateLimit")) yield return problem;
    }
}

/// <summary>So many requests in a window of the clock.</summary>
public sealed record ApiRateLimit
{
    public int PermitLimit { get; init; }
    public TimeSpan Window { get; init; }

    internal IEnumerable<(string Key, string Problem)> Problems(string key)
    {
        if (PermitLimit < 1) yield return ($"{key}:PermitLimit", "must be at least 1.");
        if (Window <= TimeSpan.Zero) yield return ($"{key}:Window", "must be longer than zero, e.g. 00:01:00.");
    }
}
