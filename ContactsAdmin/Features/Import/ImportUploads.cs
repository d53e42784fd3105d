using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Import;

/// <summary>An uploaded file as the import keeps it: its id (the stored file's name), the name it was uploaded with, its size.</summary>
public sealed record ImportUpload(string Id, string FileName, long Length);

/// <summary>
/// The files people upload to import, kept on disk (<see cref="ImportFilesOptions"/>) so a background job reads them
/// at its own pace and a job interrupted by a restart reads them again. Ids are generated here and checked on every
/// open, so a job's stored parameters cannot name a path outside the folder.
/// </summary>
public sealed class ImportUploads(ImportFilesOptions options, StoreFile store)
{
    /// <summary>The folder the files are kept in.</summary>
    public string Folder { get; } = Path.GetFullPath(options.FilesDirectory ?? Path.Combine(store.Folder ?? "data", "imports"));

    /// <summary>
    /// Copies <paramref name="content"/> into the folder, up to <see cref="ImportLimits.MaxFileBytes"/>: a larger file
    /// throws <see cref="ImportFileException"/> and leaves nothing behind.
    /// </summary>
    public async Task<ImportUpload> SaveAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var id = Guid.NewGuid().ToString("N");
        var path = PathOf(id);
        try
        {
            long length;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (file.Length + read > ImportLimits.MaxFileBytes) throw ImportFileException.TooLarge();
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                length = file.Length;
            }
            return new ImportUpload(id, Path.GetFileName(fileName), length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Reads an uploaded file; <see cref="FileNotFoundException"/> when it was deleted.</summary>
    public Stream OpenRead(string id) =>
        new FileStream(PathOf(id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public bool Exists(string id) => File.Exists(PathOf(id));

    public void Delete(string id) => File.Delete(PathOf(id));

    /// <summary>The uploads in the folder: each one's id and when it was stored.</summary>
    public IEnumerable<(string Id, DateTime StoredAt)> All() =>
        !Directory.Exists(Folder) ? []
            : Directory.EnumerateFiles(Folder, "*" + Extension)
                .Select(path => (Id: Path.GetFileNameWithoutExtension(path), StoredAt: File.GetLastWriteTimeUtc(path)))
                .Where(upload => IsId(upload.Id));

    private const string Extension = ".csv";

    private static bool IsId(string id) => id.Length == 32 && id.All(Uri.IsHexDigit);

    /// <summary>The stored file of <paramref name="id"/>; refuses anything but an id <see cref="SaveAsync"/> made.</summary>
    private string PathOf(string id) =>
        IsId(id) ? Path.Combine(Folder, id + Extension) : throw new ArgumentException($"'{id}' is not an upload id.", nameof(id));
}
