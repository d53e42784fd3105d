using System.Globalization;
using System.Security.Claims;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// The CSV downloads: GET with the page's own query, so the page's Export is a plain link. Marketers and Admins only:
/// the role matrix gives export to Marketers ("import and export"), beyond a Viewer's reading.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>Who may export (see the class summary).</summary>
    public const string Policy = Setup.Policies.CanEdit;

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ContactGridView.ExportPath, ExportContactsAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapGet(BlacklistFilter.ExportPath, ExportBlacklistAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportContactsAsync(HttpContext http, ContactCsvExport export, TimeProvider clock)
    {
        var uri = http.Request.GetEncodedPathAndQuery();
        if (UrlQuery.Reader(uri)("columns") is { } columns && UrlQuery.Enum<ExportColumnSet>(columns) is null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["columns"] = ["columns is 'visible' or 'all'."] });

        var request = ContactExportRequest.FromUri(uri, http.User.FindFirstValue(ClaimTypes.NameIdentifier));
        StartDownload(http, "contacts", clock);
        await export.WriteAsync(request, http.Response.Body, SettingsAudit.ActorOf(http.User), progress: null, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> ExportBlacklistAsync(HttpContext http, BlacklistCsvExport export, TimeProvider clock)
    {
        var filter = BlacklistFilter.FromUri(http.Request.GetEncodedPathAndQuery());
        StartDownload(http, "blacklist", clock);
        await export.WriteAsync(filter, http.Response.Body, SettingsAudit.ActorOf(http.User), http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>A CSV attachment named for the list and the day, sent as it is written rather than buffered.</summary>
    private static void StartDownload(HttpContext http, string list, TimeProvider clock) =>
        StartCsvDownload(http, $"{list}-{clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");

    /// <summary>
    /// Starts a CSV attachment named <paramref name="fileName"/> (any script: the header carries it encoded too), sent as
    /// it is written rather than buffered, never cached: every CSV download of the app starts here.
    /// </summary>
    public static void StartCsvDownload(HttpContext http, string fileName)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-store";
    }
}
