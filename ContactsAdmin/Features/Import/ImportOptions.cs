namespace ContactsAdmin.Features.Import;

/// <summary>Which contacts an import may write: new ones, found ones, or both.</summary>
public enum ImportMode { CreateAndUpdate, CreateOnly, UpdateOnly }

/// <summary>What an empty cell of a mapped column does: leaves the stored value, or clears it.</summary>
public enum EmptyCells { Keep, Clear }

/// <summary>
/// The choices of an import. <paramref name="FileCarriesConsent"/>: the person importing vouches that the file's
/// subscriptions carry the contacts' consent, so an unsubscribed address (or category) is subscribed again; without it
/// an import never resubscribes, and nothing lifts a blacklisting. <paramref name="DryRun"/>: count, write nothing.
/// </summary>
public sealed record ImportOptions(
    ImportMode Mode = ImportMode.CreateAndUpdate,
    EmptyCells EmptyCells = EmptyCells.Keep,
    bool FileCarriesConsent = false,
    bool DryRun = false);

/// <summary>A cell (or a row, with an empty column) an import refused: its physical line in the file (the header is line 1).</summary>
public sealed record ImportRowError(long Line, string Column, string Value, string Reason);

/// <summary>What an import did, row by row: each row counts once.</summary>
public sealed record ImportCounts(long Created, long Updated, long Unchanged, long Skipped, long Errors)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0);

    public long Rows => Created + Updated + Unchanged + Skipped + Errors;

    public ImportCounts Plus(ImportCounts other) => new(Created + other.Created, Updated + other.Updated,
        Unchanged + other.Unchanged, Skipped + other.Skipped, Errors + other.Errors);

    public ImportCounts Minus(ImportCounts other) => new(Created - other.Created, Updated - other.Updated,
        Unchanged - other.Unchanged, Skipped - other.Skipped, Errors - other.Errors);
}

/// <summary>
/// Where an import stands after a batch: the last line it finished (resume after it), how far through the file it is
/// (bytes, when the file's length is known), and the counts so far.
/// </summary>
public sealed record ImportProgress(long LastLine, long BytesRead, long? TotalBytes, ImportCounts Counts);

/// <summary>
/// A batch an import finished (committed, or rolled back in a dry run): the last line it read (resume after it), its own
/// counts, and its bad rows in line order.
/// </summary>
public sealed record ImportBatch(long LastLine, ImportCounts Counts, IReadOnlyList<ImportRowError> Errors);

/// <summary>The outcome of an import: counts, the bad rows, and the last line it read.</summary>
public sealed record ImportResult(ImportCounts Counts, IReadOnlyList<ImportRowError> Errors, long LastLine);
