using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Features.Ingest;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The bad-row report of an import job as a CSV download (<see cref="ImportErrorReport"/>: line, column, value, reason),
/// for those who may import: Marketers and Admins.
/// </summary>
public static class ImportEndpoints
{
    public const string Policy = Setup.Policies.CanEdit;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ImportRoutes.Page + "/{id:long}/errors.csv", DownloadErrorReportAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadErrorReportAsync(long id, HttpContext http, IDbContextFactory<AppDbContext> dbFactory, ImportErrorFiles reports)
    {
        string? parameters;
        await using (var db = await dbFactory.CreateDbContextAsync(http.RequestAborted))
        {
            parameters = await db.BackgroundJobs.AsNoTracking().Where(j => j.Id == id && j.Kind == ImportJobParameters.JobKind)
                .Select(j => j.Parameters).SingleOrDefaultAsync(http.RequestAborted);
        }
        if (parameters is null || !reports.Exists(id))
            return ApiProblems.NotFound($"There is no report of bad rows for import job {id}: the job does not exist or has not started.");

        ExportEndpoints.StartCsvDownload(http, $"{Path.GetFileNameWithoutExtension(FileNameOf(parameters))}-errors.csv");
        await ImportErrorReport.WriteAsync(http.Response.Body, reports.Read(id), http.RequestAborted);
        return Results.Empty;
    }

    private static string FileNameOf(string parameters)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportJobParameters>(parameters)?.FileName is { Length: > 0 } name ? name : "import";
        }
        catch (JsonException)
        {
            return "import";
        }
    }
}
