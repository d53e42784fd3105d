namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>The bulk job page's address, in one place for the grid, the page and rerun.</summary>
public static class BulkRoutes
{
    public static string Job(long jobId) => $"/contacts/bulk/{jobId}";
}
