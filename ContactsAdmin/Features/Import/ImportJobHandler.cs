using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Runs an import as a background job (<see cref="ImportJobParameters"/>): counts the file's rows for the job's total,
/// then imports it with <see cref="ContactImporter"/>, recording after each committed batch its bad rows
/// (<see cref="ImportErrorFiles"/>) and the last line it finished, so a job stopped by a cancel or a restart resumes
/// after that line. Progress counts rows, like the total.
/// </summary>
public sealed class ImportJobHandler(ContactImporter importer, ImportUploads uploads, ImportErrorFiles errorFiles, ProfileFieldTable fields) : IJobHandler
{
    /// <summary>The outcome a job counts rows the options made it pass over (create only, update only).</summary>
    public const string Skipped = "skipped";

    public string Kind => ImportJobParameters.JobKind;

    public async Task RunAsync(JobContext job, CancellationToken stopping)
    {
        var parameters = job.ParametersAs<ImportJobParameters>();
        var format = parameters.Format;
        var mapping = ImportMapping.FromJson(parameters.Mapping, parameters.Columns, fields);
        if (job.Total is null)
        {
            await using var counting = Open(parameters);
            await job.SetTotalAsync(await ImportRowCount.CountAsync(counting, format, stopping));
        }

        await errorFiles.PrepareAsync(job.JobId, job.ResumeAfter, stopping);
        await using var file = Open(parameters);
        await importer.RunAsync(file, parameters.FileName, format, mapping, parameters.Options, resumeAfterLine: job.ResumeAfter,
            onBatch: async batch =>
            {
                // The batch is committed: its bad rows and position are recorded even while the app stops.
                await errorFiles.AppendAsync(job.JobId, batch.Errors, CancellationToken.None);
                await job.ReportBatchAsync(new JobBatch(batch.Counts.Rows, batch.LastLine, Outcomes(batch.Counts)));
            },
            ct: stopping);
    }

    /// <summary>The batch's outcomes under the names every job counts with; those it has none of are left out.</summary>
    private static Dictionary<string, long> Outcomes(ImportCounts counts) => new Dictionary<string, long>
    {
        [JobCounters.Created] = counts.Created,
        [JobCounters.Updated] = counts.Updated,
        [JobCounters.Unchanged] = counts.Unchanged,
        [Skipped] = counts.Skipped,
        [JobCounters.Failed] = counts.Errors,
    }.Where(c => c.Value > 0).ToDictionary();

    private Stream Open(ImportJobParameters parameters)
    {
        try
        {
            return uploads.OpenRead(parameters.UploadId);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportFileException($"The uploaded file {parameters.FileName} is no longer kept: upload it again.", e);
        }
    }
}
