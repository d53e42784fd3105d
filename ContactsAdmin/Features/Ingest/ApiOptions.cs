namespace ContactsAdmin.Features.Ingest;

/// <summary>Limits of the HTTP API, from the "Api" section of the configuration.</summary>
public sealed record ApiOptions
{
    /// <summary>Contacts in one bulk request at most (spec section 5).</summary>
    public const int MaxBulkContacts = 3000;

    /// <summary>Events in one bulk request (POST /events) at most, as many as contacts.</summary>
    public const int MaxBulkEvents = 3000;

    /// <summary>A larger body is refused with 413. 3000 contacts of ordinary size take about 1.5 MB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Requests per window for one API key.</summary>
    public int KeyPermitLimit { get; init; } = 6000;
    public TimeSpan KeyWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Submissions per window from one IP address to the public form endpoint.</summary>
    public int FormPermitLimit { get; init; } = 10;
    public TimeSpan FormWindow { get; init; } = TimeSpan.FromMinutes(1);

    public static ApiOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Api");
        var defaults = new ApiOptions();
        return new ApiOptions
        {
            MaxRequestBodyBytes = section.GetValue("MaxRequestBodyBytes", defaults.MaxRequestBodyBytes),
            KeyPermitLimit = section.GetValue("RateLimit:PermitLimit", defaults.KeyPermitLimit),
            KeyWindow = section.GetValue("RateLimit:Window", defaults.KeyWindow),
            FormPermitLimit = section.GetValue("FormRateLimit:PermitLimit", defaults.FormPermitLimit),
            FormWindow = section.GetValue("FormRateLimit:Window", defaults.FormWindow),
        };
    }
}
