using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Import;

/// <summary>Where uploaded import files and their bad-row reports are kept, from the "Import" section.</summary>
public sealed record ImportFilesOptions : ISettingsSection
{
    public static string Section => "Import";

    /// <summary>
    /// The folder for uploaded files (kept until the job that reads them is deleted, so an interrupted import can
    /// resume after a restart). Unset: an "imports" folder beside the SQLite database file.
    /// </summary>
    public string? FilesDirectory { get; init; }

    /// <summary>
    /// Days an uploaded file is kept after the last import that reads it last ran (so it can be resumed or rerun);
    /// then it is deleted. A file no import was started with goes after a day.
    /// </summary>
    public int KeepDays { get; init; } = 30;

    public const int MaxKeepDays = 3650;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (KeepDays is < 1 or > MaxKeepDays) yield return (nameof(KeepDays), $"must be from 1 to {MaxKeepDays} days.");
        if (FilesDirectory is { } folder && (folder.Trim().Length == 0 || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            yield return (nameof(FilesDirectory), "must be a folder path.");
    }
}
