using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Data;

/// <summary>
/// The SQLite file behind the app and every check of it, in one place: whether start-up may use it, whether it is
/// still the file the app opened, whether it can be written. Each problem is one line an operator can act on.
/// An in-memory store (no path) passes every check.
/// </summary>
public sealed class StoreFile
{
    /// <param name="connectionString">The app's connection string, its path already absolute.</param>
    public StoreFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        Path = IsFile(builder) ? builder.DataSource : null;
    }

    private StoreFile() { }

    /// <summary>A store that is no file of the app's (a database server): every check passes, there is nothing to watch.</summary>
    public static StoreFile None { get; } = new();

    /// <summary>The database file's absolute path; null for an in-memory store.</summary>
    public string? Path { get; }

    public string? Folder => Path is null ? null : System.IO.Path.GetDirectoryName(Path);

    public bool Exists => Path is null || File.Exists(Path);

    /// <summary>
    /// The one line start-up prints when a missing store may not be created: the app never replaces a store it
    /// cannot find (an unmounted volume, a moved folder) with an empty one.
    /// </summary>
    public string MissingMessage =>
        $"The database {Path} does not exist. Create it with `ContactsAdmin init`, or set Database:CreateIfMissing=true to let start-up create it.";

    /// <summary>Creates the folder and an empty database file in WAL mode, when they are missing.</summary>
    public void CreateIfMissing()
    {
        if (Path is null || File.Exists(Path)) return;
        Directory.CreateDirectory(Folder!);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Why the store cannot be used as it is (null when it can): a missing file (when <paramref name="mayCreate"/> is
    /// false), a path that is a folder, a folder that cannot be made, a read-only file or folder, a file that is no
    /// database. When the store may be created, its missing folder is made here, so that failing is said in one line too.
    /// </summary>
    public string? Problem(bool mayCreate)
    {
        if (Path is null) return null;
        if (Directory.Exists(Path)) return $"The database path {Path} is a folder, not a file.";
        if (!File.Exists(Path))
        {
            if (!mayCreate) return MissingMessage;
            if (Directory.Exists(Folder)) return ReadOnlyFolderProblem();
            try
            {
                Directory.CreateDirectory(Folder!);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"The folder {Folder} for the database cannot be created: {e.Message}";
            }
        }
        return ReadOnlyFolderProblem() ?? ReadOnlyFileProblem() ?? WriteProblem();
    }

    /// <summary>
    /// Why the file at the path is not the store the app opened (null when it is): gone (deleted, moved, its volume
    /// unmounted) or replaced by another file. The app's pooled connections would go on writing into the old file.
    /// Cheap (a stat or two), so it runs on every write request and every connection the app opens.
    /// </summary>
    public string? Vanished(FileIdentity? opened)
    {
        if (Path is null) return null;
        if (!File.Exists(Path)) return $"The database {Path} is gone (deleted, moved or its volume unmounted).";
        if (opened is not null && FileIdentity.Of(Path) is { } now && now != opened)
            return $"The database {Path} was replaced by another file while the app was running.";
        return null;
    }

    /// <summary>
    /// Marks the store as in use by this app until disposed (a shared advisory lock, which SQLite's own locks do not
    /// see), so a restore refuses to swap the file under a running app: idle SQLite connections hold no lock it
    /// would meet. Closing it drops this process's POSIX locks on the file, so it is closed only at shutdown.
    /// </summary>
    public IDisposable? MarkInUse() =>
        Path is null ? null : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Holds the file for a restore: fails with "in use" while a running app has marked it.</summary>
    public IDisposable TakeOver()
    {
        try
        {
            return new FileStream(Path!, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException)
        {
            throw new StoreBackupException(InUseMessage);
        }
    }

    public string InUseMessage => $"The database {Path} is in use; stop the app and try again.";

    /// <summary>Why the file cannot be written (null when it can): takes the write lock and writes in a transaction that is rolled back.</summary>
    public string? WriteProblem()
    {
        if (Path is null) return null;
        try
        {
            // Its own connection, outside the pool: pooled connections hold the file the app opened, this one opens the path.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 5 }.ToString());
            connection.Open();
            // One statement per command: after a statement that returns a row (a PRAGMA), a later one's error went unreported.
            foreach (var statement in new[] { "BEGIN IMMEDIATE", "CREATE TABLE main.\"__WriteProbe\"(x)", "ROLLBACK" })
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 8)   // SQLITE_READONLY
        {
            return ReadOnlyFolderProblem() ?? ReadOnlyMessage;
        }
        catch (SqliteException e)
        {
            return $"The database {Path} cannot be used: {e.Message}";
        }
    }

    // Root writes files whatever their mode says; a store an operator made read-only is still refused.
    private string? ReadOnlyFileProblem() =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(Path!) & AnyWrite) == 0 ? ReadOnlyMessage : null;

    private string ReadOnlyMessage => $"The database {Path} is read-only: the app needs to write it (check its permissions and the volume's mount).";

    private string? ReadOnlyFolderProblem() =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(Folder!) & AnyWrite) == 0
            ? $"The folder {Folder} of the database is read-only: SQLite writes its -wal and -shm files beside the database."
            : null;

    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Whether a connection string names a file (not an in-memory database).</summary>
    public static bool IsFile(SqliteConnectionStringBuilder builder) =>
        !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory;
}

/// <summary>
/// A file's device and inode: a file moved into the store's place has other ones. Known on 64-bit Linux, where
/// struct stat begins with both; elsewhere null, and only a missing file is noticed.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return null;
        var stat = new ulong[32];   // struct stat is 144 (x64) or 128 (arm64) bytes
        try
        {
            return Stat(path, stat) == 0 ? new FileIdentity(stat[0], stat[1]) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;   // a C library older than glibc 2.33 exports stat under another name
        }
    }

    // DllImport, not LibraryImport: its generated marshalling is unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "stat")]
    [SuppressMessage("Globalization", "CA2101", Justification = "The path is marshalled as UTF-8 (MarshalAs LPUTF8Str), as Linux's stat takes it; the rule only knows ANSI and UTF-16.")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] ulong[] buffer);
}
