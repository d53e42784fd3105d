using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// Finds the suppression kept for an email or phone, by hash on the (Kind, Hash) unique index. A write of many
/// contacts preloads its identifiers' hashes with one query (<see cref="PreloadAsync"/>); anything not preloaded
/// costs one indexed query when asked. What is known is kept by the value itself, so a value is hashed once.
/// </summary>
public sealed class SuppressionLookup(AppDbContext db, SuppressionHasher hasher)
{
    private readonly Dictionary<(SuppressedIdentifier Kind, string Value), ErasedSuppression?> known = [];

    public SuppressionHasher Hasher => hasher;

    /// <summary>Reads the suppressions of these addresses (normalized) and phones (E.164): a query per kind, on the index.</summary>
    public async Task PreloadAsync(IEnumerable<string> emails, IEnumerable<string> phones, CancellationToken ct)
    {
        await PreloadAsync(SuppressedIdentifier.Email, emails, ct);
        await PreloadAsync(SuppressedIdentifier.Phone, phones, ct);
    }

    private async Task PreloadAsync(SuppressedIdentifier kind, IEnumerable<string> values, CancellationToken ct)
    {
        var valueByHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
            if (!known.ContainsKey((kind, value))) valueByHash.TryAdd(hasher.Hash(kind, value), value);
        if (valueByHash.Count == 0) return;
        var hashes = valueByHash.Keys.ToList();
        var found = await db.ErasedSuppressions.AsNoTracking()
            .Where(s => s.Kind == kind && EF.Parameter(hashes).Contains(s.Hash)).ToListAsync(ct);
        foreach (var value in valueByHash.Values) known[(kind, value)] = null;
        foreach (var row in found) known[(kind, valueByHash[row.Hash])] = row;
    }

    /// <summary>
    /// The strongest suppression kept for the address or the phone (the same person may come back with either), or null.
    /// </summary>
    public async Task<ErasedSuppression?> FindAsync(string? emailNormalized, string? phone, CancellationToken ct)
    {
        var email = emailNormalized is null ? null : await FindAsync(SuppressedIdentifier.Email, emailNormalized, ct);
        var byPhone = phone is null ? null : await FindAsync(SuppressedIdentifier.Phone, phone, ct);
        if (email is null || byPhone is null) return email ?? byPhone;
        return Email.EmailStatusRules.Strength(byPhone.EmailStatus) > Email.EmailStatusRules.Strength(email.EmailStatus) ? byPhone : email;
    }

    private async Task<ErasedSuppression?> FindAsync(SuppressedIdentifier kind, string value, CancellationToken ct)
    {
        if (known.TryGetValue((kind, value), out var row)) return row;
        var hash = hasher.Hash(kind, value);
        row = await db.ErasedSuppressions.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == kind && s.Hash == hash, ct);
        known[(kind, value)] = row;
        return row;
    }
}
