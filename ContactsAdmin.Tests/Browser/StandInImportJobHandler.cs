using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Profile.Fields;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Runs an import job in one go with the importer, so the page's own tests see a dry run's counts and a finished job
/// without the real handler (another slice of issue 18). Registered after the app's services: where the app has a
/// handler of its own for "import", the runner takes the app's (the first registered), and this one is never used.
/// </summary>
public sealed class StandInImportJobHandler(ContactImporter importer, ImportUploads uploads, ProfileFieldTable fields) : IJobHandler
{
    public string Kind => ImportJobParameters.JobKind;

    public static void InstallIn(IWebHostBuilder host) => host.ConfigureServices(services => services.AddJobHandler<StandInImportJobHandler>());

    public async Task RunAsync(JobContext job, CancellationToken stopping)
    {
        var parameters = job.ParametersAs<ImportJobParameters>();
        await using var stream = uploads.OpenRead(parameters.UploadId);
        var mapping = ImportMapping.FromJson(parameters.Mapping, parameters.Columns, fields);
        var result = await importer.RunAsync(stream, parameters.FileName, parameters.Format, mapping, parameters.Options, ct: stopping);
        var counts = result.Counts;
        await job.SetTotalAsync(counts.Rows);
        await job.ReportBatchAsync(new JobBatch(counts.Rows, result.LastLine, new Dictionary<string, long>
        {
            [JobCounters.Created] = counts.Created,
            [JobCounters.Updated] = counts.Updated,
            [JobCounters.Unchanged] = counts.Unchanged,
            [JobCounters.Failed] = counts.Errors,
        }));
    }
}
