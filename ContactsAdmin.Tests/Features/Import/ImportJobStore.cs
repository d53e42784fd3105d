using System.Text;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>Import jobs stored as the import page stores them: an upload, then a job started with its parameters.</summary>
internal static class ImportJobStore
{
    public static async Task<long> StartAsync(IServiceProvider services, string fileName, string[] columns, string[] targets, bool dryRun = false)
    {
        var upload = await services.GetRequiredService<ImportUploads>()
            .SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join(",", columns) + "\n")), fileName, TestRun.Ct);
        var mapping = new ImportMapping([.. targets.Select(t => ColumnTarget.Parse(t, ProfileFieldTable.Standard)!)]);
        var format = new CsvFormat(new UTF8Encoding(false), ',', HasHeader: true);
        var outcome = await services.GetRequiredService<JobActions>().StartAsync(TestUsers.Admin(), ImportJobParameters.JobKind, fileName,
            ImportJobParameters.For(upload, format, columns, mapping, new ImportOptions(DryRun: dryRun)), TestRun.Ct);
        return Assert.IsType<JobOutcome.Done>(outcome).JobId;
    }
}
