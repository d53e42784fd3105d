using System.Security.Cryptography;
using ContactsAdmin.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// Where the <see cref="SuppressionHasher"/>'s key lives: one row of the database (<see cref="ErasedSuppressionKey"/>),
/// so every app instance on a shared database hashes alike, its content protected with data protection, so a copy of
/// the database alone (without the keys folder on SQLite) cannot key a list of guessed addresses. Created on first use.
/// Earlier versions kept it in a file of the keys folder (<see cref="LegacyFileName"/>): that key is imported once,
/// never replaced. A lost key makes the kept suppressions unrecognisable and erased people could come back unnoticed,
/// so a store that holds suppressions but no key refuses to start with a new one (<see cref="KeyLost"/>).
/// </summary>
public static class SuppressionKeyStore
{
    public const string LegacyFileName = "erased-suppression.key";
    private const string Purpose = "ContactsAdmin.ErasedSuppression.HashKey";

    /// <summary>
    /// The key kept in the store; else the one in <paramref name="legacyKeysFolder"/>'s file, imported; else a new one,
    /// when the store holds no suppression yet.
    /// </summary>
    public static SuppressionHasher Load(IDbContextFactory<AppDbContext> factory, string? legacyKeysFolder, IDataProtectionProvider protection,
        TimeProvider clock, ILogger logger)
    {
        var protector = protection.CreateProtector(Purpose);
        using var db = factory.CreateDbContext();
        if (Read(db) is { } kept) return Open(protector, kept);

        var legacyFile = legacyKeysFolder is null ? null : Path.Combine(legacyKeysFolder, LegacyFileName);
        var protectedKey = legacyFile is not null && File.Exists(legacyFile) ? File.ReadAllText(legacyFile).Trim() : null;
        if (protectedKey is null && db.ErasedSuppressions.Any())
            throw new InvalidOperationException(KeyLost(legacyFile));
        protectedKey ??= Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(SuppressionHasher.KeyBytes)));
        // Opened before it is saved: an imported file these data protection keys cannot read stops here, not later.
        var hasher = Open(protector, protectedKey);

        db.ErasedSuppressionKeys.Add(new ErasedSuppressionKey { ProtectedKey = protectedKey, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (StoreUniqueViolation.Is(e))
        {
            // Another instance (or a command) stored its key first: use theirs.
            using var again = factory.CreateDbContext();
            return Open(protector, Read(again)!);
        }
        if (legacyFile is not null && File.Exists(legacyFile))
            logger.LogInformation("Imported the key for erased contacts' suppression hashes from {Path} into the database.", legacyFile);
        else
            logger.LogInformation("Created the key for erased contacts' suppression hashes in the database.");
        return hasher;
    }

    /// <summary>
    /// Why the store holds suppressions but not their key: starting with a new key would let every erased person be
    /// created again as if new, so the app stops and says where the key was and how to bring it back.
    /// </summary>
    public static string KeyLost(string? legacyFile) =>
        "The database keeps erased contacts' suppressions but not the key they were hashed with (table ErasedSuppressionKeys is empty" +
        (legacyFile is null ? "" : $" and there is no {legacyFile}") + "). Restore the keys folder that belongs to this database " +
        $"(its {LegacyFileName} file and the data protection keys) and set DataProtection:KeysFolder to it: the key is imported " +
        "on the next start. If the key is truly lost, its suppressions can never match again; delete the rows of ErasedSuppressions " +
        "to start over with a new key.";

    private static string? Read(AppDbContext db) =>
        db.ErasedSuppressionKeys.AsNoTracking().Where(k => k.Id == ErasedSuppressionKey.OnlyId).Select(k => k.ProtectedKey).SingleOrDefault();

    private static SuppressionHasher Open(IDataProtector protector, string protectedKey) =>
        new(protector.Unprotect(Convert.FromBase64String(protectedKey)));
}
