using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.ApiKeys;

/// <summary>A key just created: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Key);

/// <summary>Creates API keys and finds them by the key a caller presents. Only SHA-256 hashes are stored.</summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IDisposable
{
    private const string KeyPrefix = "ca_";
    private const int PrefixLength = 10;

    /// <summary>
    /// Keys found lately, by hash: every API request presents a key, and a look-up per request would cost a
    /// query each. Revoking clears it, so a revoked key stops working at once (keys are revoked in this process).
    /// </summary>
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTime Until)> recent = new();
    private long revocations;
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When each key was last used since the last flush, by key id. Authenticating a request records the use here and
    /// never waits on the store (which may be busy with a bulk write, or locked); <see cref="ApiKeyLastUseWriter"/>
    /// writes them every <see cref="LastUseFlushInterval"/>, one write per key used, and once more on shutdown.
    /// </summary>
    private readonly ConcurrentDictionary<int, DateTime> unwrittenUses = new();
    private readonly SemaphoreSlim flushing = new(1, 1);

    public static readonly TimeSpan LastUseFlushInterval = TimeSpan.FromSeconds(30);

    /// <param name="scopes">What the key may do (see ContactsAdmin.Features.Ingest.ApiScopes); none means everything.</param>
    public async Task<CreatedApiKey> CreateAsync(string name, string? createdBy, IEnumerable<string>? scopes = null, CancellationToken ct = default)
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
            Scopes = string.Join(' ', (scopes ?? []).Distinct()),
        };
        db.ApiKeys.Add(row);
        SettingsAudit.Record(db, createdBy, SettingsArea.ApiKey, name, "Created", before: null,
            after: new { row.Name, row.Prefix, Scopes = ScopesOf(row) }, row.CreatedAt);
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

    /// <summary>The key matching <paramref name="presented"/>, revoked or not (so a caller can be told which), or null.</summary>
    public async Task<ApiKey?> FindAsync(string presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var hash = Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        if (recent.TryGetValue(hash, out var remembered) && remembered.Until > now) return remembered.Key;
        var revoked = Interlocked.Read(ref revocations);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, ct);
        // Only keys that exist: unknown ones, which anyone can make up, must not fill memory.
        if (key is null) return null;
        recent[hash] = (key, now + RememberFor);
        // A revocation since the read may have missed this entry (the read may predate it): forget it again.
        // (A revocation counts up before it clears, so one that comes later clears the entry itself.)
        if (Interlocked.Read(ref revocations) != revoked) recent.TryRemove(hash, out _);
        return key;
    }

    /// <summary>Records in memory that the key was used at <paramref name="now"/>; the next flush writes it.</summary>
    public void MarkUsed(ApiKey key, DateTime now) => unwrittenUses.AddOrUpdate(key.Id, now, (_, at) => Later(at, now));

    /// <summary>
    /// Writes the uses recorded since the last flush, in one transaction, each only where it is later than the stored
    /// one. When the store refuses (busy, gone), the uses are kept for the next flush and the error is thrown.
    /// </summary>
    /// <returns>How many keys were written.</returns>
    public async Task<int> FlushLastUsesAsync(CancellationToken ct = default)
    {
        // One flush at a time: a second waits for the first to commit, so when either returns the uses taken are stored
        // (the host may stop its services twice at once, and the call that finds nothing left must not return first).
        await flushing.WaitAsync(ct);
        try
        {
            return await FlushTakenUsesAsync(ct);
        }
        finally
        {
            flushing.Release();
        }
    }

    public void Dispose() => flushing.Dispose();

    private async Task<int> FlushTakenUsesAsync(CancellationToken ct)
    {
        var batch = new List<(int Id, DateTime At)>();
        foreach (var id in unwrittenUses.Keys)
            if (unwrittenUses.TryRemove(id, out var at)) batch.Add((id, at));
        if (batch.Count == 0) return 0;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (id, at) in batch)
                await db.ApiKeys.Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at), ct);
            await transaction.CommitAsync(ct);
            return batch.Count;
        }
        catch
        {
            foreach (var (id, at) in batch) unwrittenUses.AddOrUpdate(id, at, (_, other) => Later(other, at));
            throw;
        }
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Every key, newest first, revoked ones included (the page shows them greyed), with uses not written yet.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(ct);
        foreach (var key in keys)
            if (unwrittenUses.TryGetValue(key.Id, out var at)) key.LastUsedAt = key.LastUsedAt is { } stored ? Later(stored, at) : at;
        return keys;
    }

    /// <param name="revokedBy">Who revoked it, for the audit log (null: the system).</param>
    /// <returns>False when there is no such key or it was revoked already.</returns>
    public async Task<bool> RevokeAsync(int id, string? revokedBy = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The conditional update decides which of two simultaneous revocations wins; only the winner is audited.
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) == 1;
        if (revoked)
        {
            var key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id, ct);
            SettingsAudit.Record(db, revokedBy, SettingsArea.ApiKey, key.Name, "Revoked",
                before: new { key.Name, key.Prefix, Scopes = ScopesOf(key) }, after: null, now);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        Interlocked.Increment(ref revocations);
        recent.Clear();
        return revoked;
    }

    private static string ScopesOf(ApiKey key) => key.Scopes.Length == 0 ? "everything" : key.Scopes;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
