using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The bad rows of an import job, kept beside the uploads (<see cref="ImportUploads.Folder"/>) as the job goes: one
/// JSON line per bad cell, appended after each batch, in a file named by the job's id only. A resumed job first drops
/// what an earlier run wrote past its last recorded batch, so each bad line is in the report once.
/// </summary>
public sealed class ImportErrorFiles(ImportUploads uploads)
{
    /// <summary>
    /// Makes the job's report ready for a run that starts after line <paramref name="resumeAfter"/>: empty for a run from
    /// the start, else the earlier runs' rows up to that line (a batch written but not recorded is read again).
    /// </summary>
    public async Task PrepareAsync(long jobId, long resumeAfter, CancellationToken ct)
    {
        Directory.CreateDirectory(uploads.Folder);
        var path = PathOf(jobId);
        if (resumeAfter == 0 || !File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, [], ct);
            return;
        }
        var kept = Read(jobId).Where(e => e.Line <= resumeAfter).ToList();
        var temporary = path + ".tmp";
        await File.WriteAllLinesAsync(temporary, kept.Select(Line), ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Adds a batch's bad rows at the end of the job's report.</summary>
    public async Task AppendAsync(long jobId, IReadOnlyList<ImportRowError> errors, CancellationToken ct)
    {
        if (errors.Count == 0) return;
        var text = new StringBuilder();
        foreach (var error in errors) text.Append(Line(error)).Append('\n');
        await File.AppendAllTextAsync(PathOf(jobId), text.ToString(), ct);
    }

    public bool Exists(long jobId) => File.Exists(PathOf(jobId));

    /// <summary>The job's bad rows in the order they were written, read as they are enumerated.</summary>
    public IEnumerable<ImportRowError> Read(long jobId)
    {
        using var file = new FileStream(PathOf(jobId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            // A line the app was writing when it stopped is cut short: it was not recorded, and the resumed run writes it again.
            if (Parse(line) is { } error) yield return error;
        }
    }

    public void Delete(long jobId) => File.Delete(PathOf(jobId));

    private string PathOf(long jobId) => Path.Combine(uploads.Folder, jobId.ToString(CultureInfo.InvariantCulture) + ".errors.jsonl");

    private static string Line(ImportRowError error) => JsonSerializer.Serialize(error);

    private static ImportRowError? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportRowError>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
