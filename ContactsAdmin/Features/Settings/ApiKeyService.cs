using System.Security.Cryptography;
using System.Text;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Settings;

/// <summary>A key just created: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Key);

/// <summary>Creates API keys and finds them by the key a caller presents. Only SHA-256 hashes are stored.</summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const string KeyPrefix = "ca_";
    private const int PrefixLength = 10;

    public async Task<CreatedApiKey> CreateAsync(string name, string? createdBy, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new ArgumentException("An API key needs a name of 1 to 100 characters.", nameof(name));

        // 32 random bytes: guessing is hopeless, so a fast hash (not a password hash) is the right store.
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = new ApiKey
        {
            Name = name,
            Prefix = key[..PrefixLength],
            KeyHash = Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(row.Id, row.Name, key);
    }

    /// <summary>The active key matching <paramref name="presented"/>, or null when unknown or revoked.</summary>
    public async Task<ApiKey?> FindActiveAsync(string presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
