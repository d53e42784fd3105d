using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// Where the <see cref="SuppressionHasher"/>'s key lives: a file in the data-protection keys folder (beside the
/// database by default), its content protected with data protection, so it is backed up and moved with the keys that
/// protect sign-in cookies and never sits in the database beside the hashes it keys. Created on first use. Losing it
/// (restoring a database without its keys folder) makes the kept suppressions unrecognisable: the README says to keep
/// the keys folder with the database.
/// </summary>
public static class SuppressionKeyFile
{
    public const string FileName = "erased-suppression.key";
    private const string Purpose = "ContactsAdmin.ErasedSuppression.HashKey";

    /// <summary>The key in <paramref name="keysFolder"/>, created there when missing; an ephemeral key without a folder (an in-memory store).</summary>
    public static SuppressionHasher Load(string? keysFolder, IDataProtectionProvider protection, ILogger logger)
    {
        if (keysFolder is null) return SuppressionHasher.Ephemeral();
        var protector = protection.CreateProtector(Purpose);
        var path = Path.Combine(keysFolder, FileName);
        if (File.Exists(path)) return new SuppressionHasher(protector.Unprotect(Convert.FromBase64String(File.ReadAllText(path).Trim())));

        var key = RandomNumberGenerator.GetBytes(SuppressionHasher.KeyBytes);
        Directory.CreateDirectory(keysFolder);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(protector.Protect(key)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the app and a command) created it first: use theirs.
            return new SuppressionHasher(protector.Unprotect(Convert.FromBase64String(File.ReadAllText(path).Trim())));
        }
        logger.LogInformation("Created the key for erased contacts' suppression hashes: {Path}", path);
        return new SuppressionHasher(key);
    }
}
