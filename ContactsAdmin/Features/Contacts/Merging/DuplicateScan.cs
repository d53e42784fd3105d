using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>
/// Finds contacts that look like the same person without comparing every pair: it streams the contacts in id order,
/// computes each one's match keys (<see cref="DuplicateMatchKeys"/>) and groups them by key in a dictionary, so the cost
/// grows with the number of contacts, not its square. Then it writes the pairs found as <see cref="DuplicatePair"/> rows:
/// new pairs added, known pairs updated, pairs no longer found removed, and pairs someone dismissed left dismissed.
/// </summary>
public sealed class DuplicateScan(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Contacts read per query (and per progress report).</summary>
    public const int BatchSize = 20_000;

    /// <summary>
    /// A key more contacts than this share ("John Smith" in London) says little about any two of them: its contacts
    /// are not paired.
    /// </summary>
    public const int LargestGroup = 10;

    /// <summary>What a scan found.</summary>
    public sealed record Result(long Contacts, int Pairs, int SkippedGroups);

    public async Task<Result> RunAsync(Func<long, long, Task> onBatch, CancellationToken ct)
    {
        // key hash → the ids that share it (a single id for most keys, kept as a long to spare a list each)
        var firsts = new Dictionary<ulong, long>();
        var groups = new Dictionary<ulong, List<long>>();
        var ruleOf = new Dictionary<ulong, DuplicateRule>();
        long afterId = 0, read = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            while (true)
            {
                var batch = await db.Contacts.AsNoTracking().Where(c => c.Id > afterId).OrderBy(c => c.Id).Take(BatchSize)
                    .Select(c => new { c.Id, c.EmailNormalized, c.FirstName, c.LastName, c.City, c.BirthDate })
                    .ToListAsync(ct);
                if (batch.Count == 0) break;
                foreach (var c in batch)
                {
                    Add(DuplicateRule.Email, DuplicateMatchKeys.Email(c.EmailNormalized), c.Id);
                    Add(DuplicateRule.NameAndBirthDate, DuplicateMatchKeys.NameAndBirthDate(c.FirstName, c.LastName, c.BirthDate), c.Id);
                    Add(DuplicateRule.NameAndCity, DuplicateMatchKeys.NameAndCity(c.FirstName, c.LastName, c.City), c.Id);
                }
                (afterId, read) = (batch[^1].Id, read + batch.Count);
                await onBatch(batch.Count, afterId);
            }
        }

        var found = new Dictionary<(long First, long Second), List<DuplicateRule>>();
        var skipped = 0;
        foreach (var (hash, ids) in groups)
        {
            if (ids.Count > LargestGroup)
            {
                skipped++;
                continue;
            }
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    var pair = (Math.Min(ids[i], ids[j]), Math.Max(ids[i], ids[j]));
                    if (!found.TryGetValue(pair, out var rules)) found[pair] = rules = [];
                    if (!rules.Contains(ruleOf[hash])) rules.Add(ruleOf[hash]);
                }
            }
        }
        await WriteAsync(found, ct);
        return new Result(read, found.Count, skipped);

        void Add(DuplicateRule rule, string? key, long id)
        {
            if (key is null) return;
            var hash = DuplicateMatchKeys.Hash(rule, key);
            if (!firsts.TryAdd(hash, id))
            {
                if (!groups.TryGetValue(hash, out var ids))
                {
                    groups[hash] = ids = [firsts[hash]];
                    ruleOf[hash] = rule;
                }
                ids.Add(id);
            }
        }
    }

    private async Task WriteAsync(Dictionary<(long First, long Second), List<DuplicateRule>> found, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var known = await db.DuplicatePairs.ToDictionaryAsync(p => (p.FirstId, p.SecondId), ct);
        foreach (var ((first, second), rules) in found)
        {
            var ordered = DuplicateRule.All.Where(rules.Contains).ToList();
            var reason = string.Join("; ", ordered.Select(r => r.Reason));
            if (!known.Remove((first, second), out var pair))
            {
                pair = new DuplicatePair { FirstId = first, SecondId = second };
                db.DuplicatePairs.Add(pair);
            }
            (pair.Reason, pair.Score, pair.FoundAt) = (reason, DuplicateRule.Combine(ordered), now);
        }
        // Pairs no longer alike go; a dismissal stays, so the same pair is never offered again.
        db.DuplicatePairs.RemoveRange(known.Values.Where(p => p.DismissedAt is null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
