namespace ContactsAdmin.Features.Import;

/// <summary>The limits of an import, each declared once.</summary>
public static class ImportLimits
{
    /// <summary>The largest file an import takes (the 200 MB).</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    /// <summary>How much of the start of a file the sniffer reads to detect its encoding, delimiter and header.</summary>
    public const int SniffBytes = 64 * 1024;

    /// <summary>
    /// Rows written per transaction: as many as a bulk API request (the API measured fewer, larger transactions to write
    /// each index page fewer times), small enough that a cancel stops soon and a batch's tracked contacts stay few.
    /// </summary>
    public const int RowsPerBatch = Ingest.ApiOptions.MaxBulkContacts;
}
