namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>An empty folder of its own, deleted on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("contacts-test-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
