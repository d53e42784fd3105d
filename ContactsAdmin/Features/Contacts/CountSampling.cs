using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Features.Contacts;

/// <summary>An estimated total and how far off it likely is: the true count is within Total ± Margin·Total about 95 times in 100.</summary>
public readonly record struct CountEstimate(int Total, double Margin);

/// <summary>
/// Estimates how many contacts a filter matches by counting exactly within a sample of the store: one slice of
/// ids in each of <see cref="Slices"/> equal parts of the contacts' id range, <see cref="SampleIds"/> ids in all,
/// scaled up to the whole range.
/// </summary>
/// <remarks>
/// For filters that combine indexes (<see cref="ContactFilter.CombinesIndexes"/>) an exact count checks every
/// entry of one index against the others, however few match and even when it stops at the grid's cap: at a
/// million contacts, "status Active + a category + VIP" (about 1 contact in 80) reads some 100,000 entries to
/// reach 10,000 matches. Within a slice every index seeks straight to its entries for those ids, so the sample
/// costs its share of the full count and no more, whatever the store's size.
/// <para>
/// Ids follow creation order, and contacts that came together (an import, a campaign, a date range in the
/// filter) sit in runs of ids. A slice in every part of the range keeps old and new contacts in their true
/// proportions; where a slice starts within its part is drawn at random (the same draw every time, so a total
/// does not change from one load to the next), so runs that repeat along the ids cannot line up with the slices.
/// How much the slices' counts differ from their neighbours' measures how clustered the matches are, and
/// the stated margin takes the larger of that and the spread of a count of scattered matches. Where the margin
/// would exceed <see cref="MaxMargin"/>, or the sample holds fewer than <see cref="MinMatches"/>, the caller
/// counts exactly.
/// </para>
/// </remarks>
public sealed record CountSampling
{
    /// <summary>Ids counted in all. About 5% of a million-contact store.</summary>
    public int SampleIds { get; init; } = 50_000;

    /// <summary>
    /// How many parts the id range is cut into, with one slice counted in each. At least 16: with fewer, the
    /// differences between neighbouring slices say too little about how bunched the matches are.
    /// </summary>
    public int Slices { get; init; } = 16;

    /// <summary>
    /// Fewer matches in the sample than this and the estimate is not trusted (with 100 its standard error is
    /// about 10%); the exact count is taken instead. It also means estimated matches are not rare (at least
    /// 0.2% of the contacts by default), so a page that checks contacts in the sort's order soon meets them.
    /// </summary>
    public int MinMatches { get; init; } = 100;

    /// <summary>An estimate likely to be further off than this share of itself is not shown; the count is exact.</summary>
    public double MaxMargin { get; init; } = 0.25;

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem => (Slices, SampleIds, MinMatches, MaxMargin) switch
    {
        ( < 16, _, _, _) => "Slices must be at least 16 (the margin compares neighbouring slices).",
        (_, var ids, _, _) when ids < Slices => "SampleIds must be at least Slices (one id per slice).",
        (_, _, < 1, _) => "MinMatches must be at least 1.",
        (_, _, _, not > 0) => "MaxMargin must be above 0.",
        _ => null,
    };

    /// <summary>
    /// The estimated total when the sample is large and even enough to trust, else null and the caller counts
    /// exactly: few or clustered matches, or a store whose id range is at most twice the sample.
    /// </summary>
    internal async Task<CountEstimate?> EstimateAsync(PreparedContactFilter filter, StoreSize storeSize, CancellationToken ct)
    {
        if (Problem is { } problem) throw new InvalidOperationException("Count sampling: " + problem);
        var db = filter.Db;
        // Apart from the highest id (which the page may want too): SQLite answers a lone min() or max() of the rowid
        // from the tree's edge, both at once by a scan.
        var first = await db.Contacts.OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (first is null) return null;
        var last = await storeSize.GetAsync(ct);
        var span = last - first.Value + 1;
        var width = SampleIds / Slices;
        if (span <= (long)width * Slices * 2) return null;

        var slices = SlicesOf(first.Value, span, width).Select(slice => filter.Apply(db.Contacts.AsNoTracking(), SubqueryForm.Join, slice).Contacts).ToList();
        var counts = await StoreEngine.Of(db).CountEachAsync(db, slices, ct);
        return Estimate(counts, sampled: (double)width * Slices / span);
    }

    /// <summary>
    /// The total the slices' counts stand for, or null when they do not say it well enough. Each slice stands for
    /// its part of the range (a share <paramref name="sampled"/> of it was counted).
    /// </summary>
    internal CountEstimate? Estimate(IReadOnlyList<int> counts, double sampled)
    {
        var matched = counts.Sum();
        if (matched < MinMatches) return null;
        var estimate = matched / sampled;

        // Scattered matches: a count of m varies by about sqrt(m·(1 - f)).
        var scattered = Math.Sqrt((1 - sampled) / matched);
        // Clustered ones: neighbouring slices differ (successive differences, the usual estimate for one sample per
        // stratum; it errs on the wide side when the parts differ smoothly).
        var differences = counts.Zip(counts.Skip(1), (a, b) => (double)(b - a) * (b - a)).Sum();
        var clustered = Math.Sqrt((1 - sampled) * counts.Count / (2.0 * (counts.Count - 1)) * differences) / matched;
        // 95%: two standard errors for a count; for the differences, Student's t with one degree of freedom fewer
        // than the slices (1.96 + 2.4/df is within 0.01 of the table from 15 degrees up: 2.12 for 15, 2.04 for 30).
        var margin = Math.Max(2 * scattered, (1.96 + 2.4 / (counts.Count - 1)) * clustered);
        if (!(margin <= MaxMargin)) return null;

        // Round to a unit well inside the margin, and state the margin of the number shown, rounding included.
        var total = RoundWithin(estimate, margin * estimate / 2);
        return new CountEstimate(total, (margin * estimate + Math.Abs(total - estimate)) / total);
    }

    /// <summary>One slice in each equal part of the range, starting at the same pseudo-random place for the same part.</summary>
    private IEnumerable<ContactIdRange> SlicesOf(long first, long span, int width)
    {
        var part = span / Slices;
        var start = new Random(Slices);
        for (var i = 0; i < Slices; i++)
        {
            var from = first + i * part + start.NextInt64(part - width + 1);
            yield return new ContactIdRange(from, from + width);
        }
    }

    /// <summary>Rounds to the largest power of ten no bigger than <paramref name="unitAtMost"/> (at least 1): 12,345 ± 500 → 12,300.</summary>
    internal static int RoundWithin(double value, double unitAtMost)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, unitAtMost))));
        return (int)Math.Min(int.MaxValue, Math.Round(value / unit) * unit);
    }
}

/// <summary>Stops the app at start-up when the configured sampling cannot work, naming the setting.</summary>
internal sealed class CountSamplingValidation : IValidateOptions<CountSampling>
{
    public ValidateOptionsResult Validate(string? name, CountSampling options) =>
        options.Problem is { } problem ? ValidateOptionsResult.Fail("Contacts:CountSampling: " + problem) : ValidateOptionsResult.Success;
}
