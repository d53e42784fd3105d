using System.Globalization;

namespace ContactsAdmin.Features.Import;

/// <summary>The import's addresses, declared once: the page that starts one, a job's page, and its bad-row report.</summary>
public static class ImportRoutes
{
    public const string Page = "/contacts/import";

    public static string Job(long jobId) => string.Create(CultureInfo.InvariantCulture, $"{Page}/{jobId}");

    public static string ErrorReport(long jobId) => string.Create(CultureInfo.InvariantCulture, $"{Page}/{jobId}/errors.csv");
}
