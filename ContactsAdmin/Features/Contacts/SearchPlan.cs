using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Where a search on its own switches plans, as multiples of the square root of the store's size (see
/// <see cref="SearchPlan"/>). Tests move them to reach every plan on a small store.
/// </summary>
public sealed record SearchPlanning
{
    /// <summary>
    /// Up to this many times √(contacts) matches, the page reads the matches and sorts them; null: the engine's line
    /// (<see cref="ContactSearchIndex.FewMatches"/>: 1 on SQLite).
    /// </summary>
    public double? FewMatches { get; init; }

    /// <summary>Beyond this many times √(contacts) matches, the page checks each contact's own text in the sort's order.</summary>
    public double ManyMatches { get; init; } = 10;
}

/// <summary>
/// Chooses how the grid reads a search on its own by how many contacts the fragment matches, which the full-text
/// index tells cheaply: its capped count reads only the index (about 0.1 to 0.5 µs an entry at a million contacts),
/// where any plan that touches contact rows pays some 5 to 10 µs a row.
/// <list type="bullet">
/// <item>Few matches (up to √N of N contacts): read them and sort them (<see cref="SubqueryForm.Membership"/>), one
/// row each. The line is the engine's (<see cref="ContactSearchIndex.FewMatches"/>): PostgreSQL's planner may turn an
/// id list into a walk of the sort's index, so there the middle plan's form, which reads and sorts them, starts at 0.</item>
/// <item>More, up to √N·<see cref="SearchPlanning.ManyMatches"/>: walk the sort's covering index and check each id
/// against the matches read once from the index (<see cref="SubqueryForm.ProbeMatches"/>). A page of 25 needs about
/// 25·N/matches index entries, each some thirty times cheaper than a row: at √N matches that is about as dear as
/// reading √N rows, which is where the two plans cross. That is SQLite's form; each engine writes this plan its own
/// way (<see cref="ContactSearchIndex.CountedMatches"/>): PostgreSQL's indexes do not carry the id, so a walk reads a
/// row per entry, and it reads the matches and sorts them instead.</item>
/// <item>More still (at least a few per cent of the store): walk the sort's order checking each contact's own text
/// (<see cref="SubqueryForm.Probe"/>); 25 matches come within 25·N/matches rows (with the defaults, under 2.5·√N), and
/// gathering that many matches from the index would cost more. Gathering costs 0.1 µs a match for a fragment of one
/// trigram but several µs for one whose trigrams are common and its whole rare ("l.co.uk": every "l.c" is read),
/// so the line sits low: at a million contacts it is the count's cap (10,000), at ten million 31,600.</item>
/// </list>
/// The total is the count up to the grid's cap; past the cap a second count, up to the many-matches line, tells the
/// last two apart. Where the engine pages counted ids (<see cref="StoreEngine.PagesCountedIds"/>), the count up to the
/// cap collects the matches' ids and the page reads those, rather than finding the matches in the index a second time
/// (PostgreSQL, whose index reads each candidate's row to check it). Every plan gives the same rows (tests compare them
/// with a scan).
/// </summary>
internal static class SearchPlan
{
    /// <summary>The filter's search, when it is the whole filter and the full-text index can answer it; else null.</summary>
    public static SearchTerms? IndexMatchOfSearchAlone(ContactFilter filter) =>
        filter == ContactFilter.None with { Search = filter.Search } ? ContactFiltering.SearchIndexTerms(filter.Search) : null;

    /// <summary>
    /// The total and the page's form; <c>Counted</c> holds the matches' ids when the engine pages them and they were
    /// counted exactly (then the page reads those instead of the form).
    /// </summary>
    public static async Task<(int Total, TotalKind Kind, SubqueryForm PageForm, List<long>? Counted)> ChooseAsync(
        AppDbContext db, SearchTerms match, StoreSize storeSize, int countCap, SearchPlanning planning, CancellationToken ct)
    {
        var engine = StoreEngine.Of(db);
        List<long>? ids = null;
        var counted = engine.PagesCountedIds
            ? (ids = await engine.SearchIndex.Ids(db, match).Take(countCap + 1).ToListAsync(ct)).Count
            : await ContactFiltering.CountMatchesAsync(db, match, countCap + 1, ct);
        var root = Math.Sqrt(await storeSize.GetAsync(ct));
        var few = planning.FewMatches ?? engine.SearchIndex.FewMatches;
        if (counted <= countCap)
            return (counted, TotalKind.Exact, counted <= root * few ? SubqueryForm.Membership : SubqueryForm.ProbeMatches, ids);

        var many = (int)Math.Min(int.MaxValue - 1, root * planning.ManyMatches);
        var form = many > countCap && await ContactFiltering.CountMatchesAsync(db, match, many + 1, ct) <= many
            ? SubqueryForm.ProbeMatches
            : SubqueryForm.Probe;
        return (countCap, TotalKind.AtLeast, form, null);
    }
}
