using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Data;

/// <summary>A copy of the store, checked: its integrity_check answer, its size and how many contacts it holds.</summary>
public sealed record StoreCopy(string Path, long Bytes, long Contacts, string Integrity)
{
    public bool IsIntact => Integrity == "ok";
}

/// <summary>Refused or failed: the message is the one line the command prints.</summary>
public sealed class StoreBackupException(string message) : Exception(message);

/// <summary>
/// Backup and restore of the SQLite store. A backup runs beside the live app: SQLite's online backup copies the
/// database as one read transaction sees it, the write-ahead log included, while writers go on. A restore needs the
/// app stopped: it swaps files under the app's feet otherwise.
/// </summary>
public static class StoreBackup
{
    /// <summary>Copies the live store to <paramref name="target"/> and checks the copy; refuses to replace a file unless <paramref name="force"/>.</summary>
    public static StoreCopy Create(StoreFile store, string target, bool force)
    {
        target = Path.GetFullPath(target);
        if (store.Path is null) throw new StoreBackupException("The store is in memory: there is no file to back up.");
        if (Directory.Exists(target)) throw new StoreBackupException($"{target} is a folder; name the backup file.");
        if (File.Exists(target) && !force) throw new StoreBackupException($"{target} exists; add --force to replace it.");
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
            throw new StoreBackupException($"The folder {folder} does not exist.");

        // Written beside the target and renamed into place: a failed backup never leaves half a file under its name.
        var partial = target + ".partial";
        try
        {
            DeleteWithLog(partial);
            using (var source = Open(store.Path, SqliteOpenMode.ReadWrite))
            using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
                source.BackupDatabase(copy);
            var checkedCopy = Inspect(partial);
            if (!checkedCopy.IsIntact)
                throw new StoreBackupException($"The copy failed its integrity check and was not kept: {checkedCopy.Integrity}");
            File.Move(partial, target, overwrite: true);
            return checkedCopy with { Path = target };
        }
        catch (SqliteException e)
        {
            throw new StoreBackupException($"The backup failed: {e.Message}");
        }
        finally
        {
            DeleteWithLog(partial);
        }
    }

    /// <summary>
    /// Puts a backup in the store's place: checks the backup, refuses while the app (or anything else) has the store
    /// open, keeps the replaced store beside it as "*.before-restore" and removes its stale -wal and -shm.
    /// </summary>
    /// <returns>The restored store, and where the file it replaced was kept (null when there was none).</returns>
    public static (StoreCopy Restored, string? ReplacedKeptAt) Restore(StoreFile store, string backup)
    {
        backup = Path.GetFullPath(backup);
        if (store.Path is null) throw new StoreBackupException("The store is in memory: there is no file to restore into.");
        if (!File.Exists(backup)) throw new StoreBackupException($"The backup {backup} does not exist.");
        Directory.CreateDirectory(store.Folder!);

        // Checked as a copy beside the store, so a backup on a read-only medium can be restored and the swap is a rename.
        var incoming = store.Path + ".restoring";
        try
        {
            DeleteWithLog(incoming);
            File.Copy(backup, incoming);
            var checkedCopy = Inspect(incoming);
            if (!checkedCopy.IsIntact)
                throw new StoreBackupException($"The backup failed its integrity check; nothing was restored: {checkedCopy.Integrity}");

            string? replacedKeptAt = null;
            if (File.Exists(store.Path))
            {
                using var held = store.TakeOver();
                FoldLogIntoFile(store);
                replacedKeptAt = store.Path + ".before-restore";
                File.Move(store.Path, replacedKeptAt, overwrite: true);
            }
            DeleteWithLog(store.Path);
            File.Move(incoming, store.Path);
            using (var restored = Open(store.Path, SqliteOpenMode.ReadWrite))
                Execute(restored, "PRAGMA journal_mode = WAL;");
            return (checkedCopy with { Path = store.Path }, replacedKeptAt);
        }
        catch (SqliteException e)
        {
            throw new StoreBackupException($"The restore failed: {e.Message}");
        }
        finally
        {
            DeleteWithLog(incoming);
        }
    }

    /// <summary>Runs integrity_check on a database file and counts its contacts.</summary>
    public static StoreCopy Inspect(string path)
    {
        string integrity;
        long contacts;
        using (var connection = Open(path, SqliteOpenMode.ReadWrite))
        {
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check;";
                using var reader = check.ExecuteReader();
                var lines = new List<string>();
                while (reader.Read() && lines.Count < 5) lines.Add(reader.GetString(0));
                integrity = string.Join("; ", lines);
            }
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM Contacts;";
            contacts = (long)count.ExecuteScalar()!;
        }
        // Closed, the last connection has folded its write-ahead log into the file: the size is the whole copy's.
        return new StoreCopy(path, new FileInfo(path).Length, contacts, integrity);
    }

    /// <summary>
    /// Folds what a crashed app left in the -wal into the old file before it is set aside (leaving WAL mode
    /// checkpoints and removes the log); refused while any connection is in a transaction on it.
    /// </summary>
    private static void FoldLogIntoFile(StoreFile store)
    {
        using var connection = Open(store.Path!, SqliteOpenMode.ReadWrite);
        try
        {
            Execute(connection, "PRAGMA busy_timeout = 0;");
            using var command = new SqliteCommand("PRAGMA journal_mode = DELETE;", connection) { CommandTimeout = 1 };
            if (!"delete".Equals(command.ExecuteScalar() as string, StringComparison.OrdinalIgnoreCase))
                throw new StoreBackupException(store.InUseMessage);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new StoreBackupException(store.InUseMessage);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // Outside the pool: a pooled connection would keep the file open after the command, and the rename or the
        // next check would meet it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes a database file and its -wal and -shm.</summary>
    private static void DeleteWithLog(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }
}
