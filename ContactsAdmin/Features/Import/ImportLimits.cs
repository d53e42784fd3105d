namespace ContactsAdmin.Features.Import;

/// <summary>The limits of an import, each declared once.</summary>
public static class ImportLimits
{
    /// <summary>The largest file an import takes (the 200 MB).</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    /// <summary>How much of the start of a file the sniffer reads to detect its encoding, delimiter and header.</summary>
    public const int SniffBytes = 64 * 1024;

    /// <summary>
    /// Rows written per transaction. In a large store a batch's contacts are spread over every index, so each touches
    /// its own index pages, and a batch writes about as many pages as it has contacts: twice the rows to a transaction
    /// write each page for more of them (1M rows, alternating: new contacts 114.5/121.1 -> 103.0/99.5 s, all updates
    /// 162.6/225.3 -> 153.5/170.5 s, docs/benchmarks.md). Bounded by the import's memory (a batch's contacts are held
    /// until it commits, and the next two are read ahead: private peak 300 -> 375 MB at 6,000, 600 MB at 12,000, over
    /// the 500 MB target), and by how long a batch holds the store's one writer (about a second at 1M) and a cancel waits.
    /// </summary>
    public const int RowsPerBatch = 6_000;
}
