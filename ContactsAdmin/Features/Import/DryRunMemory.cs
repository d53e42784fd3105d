using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Lets a dry run count what the real run would write although each of its transactions rolls back: a row naming a
/// contact that an earlier transaction of the same run wrote (created, say) would find that contact in the real run,
/// but not in a dry run, whose earlier writes are gone. So the dry run keeps the rows whose identifiers more than one
/// row of the file names (found by a first pass over the file, <see cref="Repeated"/>) and writes them again, uncounted,
/// at the start of each later transaction that names the same contacts, before its own rows. Keeping only those rows
/// keeps memory small for the usual file, whose contacts each appear once.
/// </summary>
internal sealed class DryRunMemory(HashSet<long> repeated)
{
    private readonly List<(long Line, ContactChangeSet Set)> kept = [];
    private readonly Dictionary<long, List<int>> keptByKey = [];

    /// <summary>The identifier keys more than one row names (a 64-bit hash of each identifier, by kind).</summary>
    public IReadOnlySet<long> Repeated => repeated;

    /// <summary>Counts each row's identifier keys; the ones met twice or more are what a dry run keeps rows for.</summary>
    public sealed class Scan
    {
        private readonly HashSet<long> seen = [];
        private readonly HashSet<long> again = [];

        public void Add(ContactChangeSet set)
        {
            foreach (var key in Keys(set))
                if (!seen.Add(key)) again.Add(key);
        }

        public DryRunMemory Finish() => new(again);
    }

    /// <summary>
    /// The rows earlier transactions wrote to the contacts <paramref name="rows"/> name, and to the contacts those rows
    /// name in turn, in the file's order: the real run's state of those contacts when this transaction begins.
    /// </summary>
    public List<(long Line, ContactChangeSet Set)> EarlierRowsFor(IEnumerable<ContactChangeSet> rows)
    {
        if (kept.Count == 0) return [];
        var found = new SortedSet<int>();
        var keys = new Queue<long>(rows.SelectMany(Keys).Where(repeated.Contains));
        var visited = new HashSet<long>();
        while (keys.TryDequeue(out var key))
        {
            if (!visited.Add(key) || !keptByKey.TryGetValue(key, out var indexes)) continue;
            foreach (var index in indexes)
            {
                if (!found.Add(index)) continue;
                foreach (var next in Keys(kept[index].Set)) keys.Enqueue(next);
            }
        }
        return [.. found.Select(i => kept[i])];
    }

    /// <summary>After a transaction: its rows that name repeated contacts are written again by later ones.</summary>
    public void Remember(long line, ContactChangeSet set)
    {
        var keys = Keys(set).Where(repeated.Contains).ToList();
        if (keys.Count == 0) return;
        kept.Add((line, set));
        foreach (var key in keys)
        {
            if (!keptByKey.TryGetValue(key, out var indexes)) keptByKey[key] = indexes = [];
            indexes.Add(kept.Count - 1);
        }
    }

    private static IEnumerable<long> Keys(ContactChangeSet set)
    {
        var identifiers = set.Identifiers;
        if (identifiers.ExternalId is { } externalId) yield return Key('x', externalId);
        if (identifiers.Email is { } email) yield return Key('e', EmailRule.Key(email));
        if (identifiers.Phone is { } phone) yield return Key('p', phone);
    }

    // Two independent 32-bit hashes: a collision only makes a dry run write an unrelated earlier row again, which the real
    // run wrote too, so it costs time, never a wrong count.
    private static long Key(char kind, string value) =>
        ((long)string.GetHashCode(value.AsSpan()) << 32) | (uint)HashCode.Combine(kind, value.Length, string.GetHashCode(value.AsSpan(value.Length / 2)));
}
