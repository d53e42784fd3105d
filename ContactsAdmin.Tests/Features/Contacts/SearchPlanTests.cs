using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// A search on its own picks its plan by how many contacts the fragment matches (SearchPlan). Whichever it picks,
/// the grid must show exactly the page and the total (or the cap) a plain scan of the table gives, for rare and
/// common fragments, fragments too short for the index, and fragments cut at random from real values.
/// </summary>
public class SearchPlanTests : TracedStoreTest
{
    private const int CountCap = 40;

    protected override async Task SeedAsync(StoreBuilder store)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        await new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), clock).SeedAsync(DemoDataOptions.Default with { Contacts = 600, ActivitiesPerContact = 1 }, fresh: false, progress: null, Ct);
    }

    /// <summary>
    /// The grid's queries with the lines between plans moved so that, on 600 contacts (√600 ≈ 24), each plan is
    /// met: the defaults; a low count cap; a low cap with "many" at 3·√N; and never "few".
    /// </summary>
    private ContactQueries[] Planners =>
    [
        new(Factory),
        new(Factory) { CountCap = CountCap },
        new(Factory) { CountCap = CountCap, SearchPlanning = new SearchPlanning { ManyMatches = 3 } },
        new(Factory) { CountCap = CountCap, SearchPlanning = new SearchPlanning { FewMatches = 0 } },
    ];

    [Fact]
    [Trait(TestStore.Trait, TestStore.BothEngines)]
    public async Task Every_plan_shows_the_page_and_total_a_plain_scan_shows()
    {
        var fragments = await FragmentsAsync();
        Assert.True(fragments.Count > 100);
        await using var db = NewContext();

        foreach (var fragment in fragments)
        {
            var scanned = ContactFiltering.SearchByScan(db.Contacts.AsNoTracking(), fragment);
            var matches = await scanned.CountAsync(Ct);
            foreach (var queries in Planners)
            {
                foreach (var (sort, descending) in new[] { (ContactSort.CreatedAt, true), (ContactSort.Name, false) })
                {
                    var sorted = ContactQueries.Sorted(scanned, sort, descending).Select(c => c.Id);
                    for (var index = 0; index < 2; index++)
                    {
                        var query = new ContactListQuery { Filter = new ContactFilter { Search = fragment }, Sort = sort, Descending = descending, Page = index };
                        var page = await queries.ListAsync(query, Ct);
                        var expected = await sorted.Skip(index * query.PageSize).Take(query.PageSize).ToListAsync(Ct);

                        var where = $"'{fragment}', cap {queries.CountCap}, {queries.SearchPlanning}, {sort} page {index}";
                        Assert.True(expected.SequenceEqual(page.Rows.Select(r => r.Id)), $"{where}: rows differ from the scan's");
                        Assert.True(matches > queries.CountCap
                            ? page is { TotalKind: TotalKind.AtLeast, TotalCount: var cap } && cap == queries.CountCap
                            : page is { TotalKind: TotalKind.Exact, TotalCount: var total } && total == matches,
                            $"{where}: total {page.TotalKind} {page.TotalCount}, the scan counts {matches}");
                        Assert.Equal(matches > (index + 1) * query.PageSize, page.HasNextPage);
                    }
                }
            }
            Assert.Equal(matches, await Planners[0].CountAsync(new ContactFilter { Search = fragment }, Ct));
        }
    }

    [Fact]
    public async Task Each_plan_is_chosen_for_some_fragment()
    {
        var fragments = await FragmentsAsync();
        await using var db = NewContext();
        var chosen = new HashSet<SubqueryForm>();
        foreach (var queries in Planners)
        {
            foreach (var fragment in fragments)
            {
                if (ContactFiltering.SearchIndexTerms(fragment) is { } match)
                    chosen.Add((await SearchPlan.ChooseAsync(db, match, new StoreSize(db), queries.CountCap, queries.SearchPlanning, Ct)).PageForm);
            }
        }

        Assert.Equal(new[] { SubqueryForm.Membership, SubqueryForm.Probe, SubqueryForm.ProbeMatches }, chosen.Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(ContactPagingTests.AllSorts), MemberType = typeof(ContactPagingTests))]
    public async Task Checking_ids_against_the_matches_walks_the_sort_index_without_sorting(ContactSort sort, bool descending)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var (contacts, _) = ContactFiltering.Apply(db, db.Contacts.AsNoTracking(), new ContactFilter { Search = "gmail" }, null, SubqueryForm.ProbeMatches);
        var page = ContactQueries.Sorted(contacts, sort, descending).Take(26).Select(c => c.Id);
        Recorder.Clear();

        await page.ToListAsync(Ct);

        Assert.Contains("\"c\".\"Id\" + 0 IN", page.ToQueryString());
        var plan = Recorder.Plans.Single(p => p.Sql.Contains("ORDER BY") && p.Sql.Contains("LIMIT"));
        Assert.DoesNotContain(plan.Steps, s => s.Contains("USE TEMP B-TREE"));
    }

    /// <summary>
    /// Fragments of 3 to 7 characters cut at random (fixed seed) from the stored emails, phones and names, as the
    /// benchmark draws them; common and rare pieces; terms too short for the index; phone numbers as people type them.
    /// </summary>
    private async Task<List<string>> FragmentsAsync()
    {
        await using var db = NewContext();
        var values = await db.Contacts.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.EmailNormalized, c.Phone, Name = (c.FirstName ?? "") + " " + (c.LastName ?? "") })
            .ToListAsync(Ct);
        var random = new Random(17);
        var fragments = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var contact = values[random.Next(values.Count)];
            var value = (i % 3) switch { 0 => contact.EmailNormalized, 1 => contact.Phone?[1..], _ => contact.Name.Trim().ToLowerInvariant() };
            if (value is not { Length: >= 3 }) continue;
            var length = Math.Min(random.Next(3, 8), value.Length);
            fragments.Add(value.Substring(random.Next(value.Length - length + 1), length));
        }
        return fragments
            .Concat(["gmail", ".com", "com", "mail", "an", "a", "o", "xq", "ua", "5", "07", "38", "002", "0071", "+380", "050 1", "(050) 12",
                "380", "zzzz-nothing", "\"quoted\"", "o'br", "Олена", "ен", "MÜLL"])
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Distinct()
            .ToList();
    }
}
