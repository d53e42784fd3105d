using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// Finds the suppression kept for an email or phone, by hash on the (Kind, Hash) unique index. A write of many
/// contacts preloads its identifiers' hashes with one query (<see cref="PreloadAsync"/>); anything not preloaded
/// costs one indexed query when asked.
/// </summary>
public sealed class SuppressionLookup(AppDbContext db, SuppressionHasher hasher)
{
    private readonly Dictionary<(SuppressedIdentifier, string), ErasedSuppression?> known = [];

    public SuppressionHasher Hasher => hasher;

    /// <summary>Reads the suppressions of these addresses (normalized) and phones (E.164): a query per kind, on the index.</summary>
    public async Task PreloadAsync(IEnumerable<string> emails, IEnumerable<string> phones, CancellationToken ct)
    {
        await PreloadAsync(SuppressedIdentifier.Email, emails, ct);
        await PreloadAsync(SuppressedIdentifier.Phone, phones, ct);
    }

    private async Task PreloadAsync(SuppressedIdentifier kind, IEnumerable<string> values, CancellationToken ct)
    {
        var hashes = values.Select(v => hasher.Hash(kind, v)).Where(h => !known.ContainsKey((kind, h))).Distinct().ToList();
        if (hashes.Count == 0) return;
        var found = await db.ErasedSuppressions.AsNoTracking()
            .Where(s => s.Kind == kind && EF.Parameter(hashes).Contains(s.Hash)).ToListAsync(ct);
        foreach (var hash in hashes) known[(kind, hash)] = null;
        foreach (var row in found) known[(row.Kind, row.Hash)] = row;
    }

    /// <summary>
    /// The strongest suppression kept for the address or the phone (the same person may come back with either), or null.
    /// </summary>
    public async Task<ErasedSuppression?> FindAsync(string? emailNormalized, string? phone, CancellationToken ct)
    {
        var email = emailNormalized is null ? null : await FindAsync(SuppressedIdentifier.Email, hasher.Hash(SuppressedIdentifier.Email, emailNormalized), ct);
        var byPhone = phone is null ? null : await FindAsync(SuppressedIdentifier.Phone, hasher.Hash(SuppressedIdentifier.Phone, phone), ct);
        if (email is null || byPhone is null) return email ?? byPhone;
        return Email.EmailStatusRules.Strength(byPhone.EmailStatus) > Email.EmailStatusRules.Strength(email.EmailStatus) ? byPhone : email;
    }

    private async Task<ErasedSuppression?> FindAsync(SuppressedIdentifier kind, string hash, CancellationToken ct)
    {
        if (known.TryGetValue((kind, hash), out var row)) return row;
        row = await db.ErasedSuppressions.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == kind && s.Hash == hash, ct);
        known[(kind, hash)] = row;
        return row;
    }
}
