using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>An estimated total and how far off it likely is: the true count is within Total ± Margin·Total about 95 times in 100.</summary>
public readonly record struct CountEstimate(int Total, double Margin);

/// <summary>
/// Estimates how many contacts a filter matches by counting exactly within a sample of the store: evenly spaced
/// slices of the contacts' id range, <see cref="SampleIds"/> ids in all, scaled up to the whole range.
/// </summary>
/// <remarks>
/// For filters that combine indexes (<see cref="ContactFilter.CombinesIndexes"/>) an exact count checks every
/// entry of one index against the others, however few match and even when it stops at the grid's cap: at a
/// million contacts, "status Active + a category + VIP" (about 1 contact in 80) reads some 100,000 entries to
/// reach 10,000 matches, and "Blacklisted + a category + VIP" reads as many to find its 2,000. Within a slice
/// every index seeks straight to its entries for those ids, so the sample costs its share of the full count and
/// no more, whatever the store's size.
/// Ids follow creation order, so slices spread over the whole range (rather than one block of ids) keep old
/// and new contacts in the sample in their true proportions. Deleted ids lower the matches and the contacts in
/// a slice alike, so scaling by ids stays fair.
/// An estimate needs <see cref="MinMatches"/> in the sample, so matches are at least that share of the ids
/// sampled (0.2% by default): a page that follows the sort's index and checks each contact meets its rows
/// within a few thousand contacts.
/// </remarks>
public sealed record CountSampling
{
    /// <summary>Ids counted in all. About 5% of a million-contact store.</summary>
    public int SampleIds { get; init; } = 50_000;

    /// <summary>How many evenly spaced slices hold those ids.</summary>
    public int Slices { get; init; } = 16;

    /// <summary>
    /// Fewer matches in the sample than this and the estimate is not trusted (with 100 its standard error is
    /// about 10%); the exact count is taken instead.
    /// </summary>
    public int MinMatches { get; init; } = 100;

    /// <summary>
    /// The estimated total, rounded to two significant digits, when the sample holds enough matches to trust;
    /// otherwise null, and the caller counts exactly: few matches, or a store so small that the sample would be
    /// most of it anyway.
    /// </summary>
    internal async Task<CountEstimate?> EstimateAsync(PreparedContactFilter filter, CancellationToken ct)
    {
        var db = filter.Db;
        // Two queries: SQLite answers a lone min() or max() of the rowid from the tree's edge, both at once by a scan.
        var first = await db.Contacts.OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (first is null) return null;
        var last = await db.Contacts.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(ct);
        var span = last - first.Value + 1;
        var width = SampleIds / Slices;
        if (width < 1 || span <= (long)width * Slices * 2) return null;

        long matched = 0;
        foreach (var slice in SlicesOf(first.Value, span, width))
            matched += await filter.Apply(db.Contacts.AsNoTracking(), SubqueryForm.Join, slice).Contacts.CountAsync(ct);

        if (matched < MinMatches) return null;
        var sampled = (double)width * Slices / span;
        // Matches in a sample of a fraction f vary by about sqrt(m·(1 - f)); slices spread over the range vary less.
        return new CountEstimate(RoundToTwoDigits(matched / sampled), Margin: 2 * Math.Sqrt((1 - sampled) / matched));
    }

    /// <summary>Each slice sits in the middle of its share of the range, so neither end of the range is favoured.</summary>
    private IEnumerable<ContactIdRange> SlicesOf(long first, long span, int width)
    {
        var stride = span / Slices;
        for (var i = 0; i < Slices; i++)
        {
            var from = first + i * stride + (stride - width) / 2;
            yield return new ContactIdRange(from, from + width);
        }
    }

    /// <summary>12,345 → 12,000; 987,654 → 990,000: a sample cannot honestly say more.</summary>
    internal static int RoundToTwoDigits(double value)
    {
        var unit = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(value)) - 1));
        return (int)Math.Min(int.MaxValue, Math.Round(value / unit) * unit);
    }
}
