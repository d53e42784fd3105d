using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// A filter that combines indexes is counted on a sample of the store when the sample holds enough matches:
/// the grid then says "about N", with a margin. The true count must lie within that margin, including when
/// matches are more common in some part of the id range (as when newer contacts differ from older ones);
/// matches bunched in a few runs of ids (a date range) must be counted exactly instead of guessed; the page
/// must be the page an exact count would have led to; few matches, single conditions and small stores are
/// counted exactly (up to the cap).
/// A store of 2,000 contacts stands in for a million: cap 100, 800 ids sampled in 16 slices of 50.
/// </summary>
public class CountSamplingTests : TracedStoreTest
{
    private const int Contacts = 2_000;
    private const int Cap = 100;
    private ContactQueries queries = null!;
    private SubscriptionCategory events = null!;
    private CustomFieldDefinition vip = null!;

    protected override async Task SeedAsync(StoreBuilder store)
    {
        queries = Queries(new CountSampling { SampleIds = 800, Slices = 16, MinMatches = 20 });

        events = await store.CategoryAsync("Events");
        vip = await store.FieldAsync("vip", CustomFieldType.Boolean);
        await FillAsync();
    }

    /// <summary>
    /// 80% Active, half named Ann, half VIP, 2% imported; subscribed to Events: 90% of the oldest and of the
    /// newest 30% (two campaigns), 10% of those between, so a sample from one part of the range would be far off.
    /// </summary>
    private async Task FillAsync()
    {
        var random = new Random(20261129);
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        await using var db = Database.NewContext();
        var contacts = Enumerable.Range(0, Contacts).Select(i => new Contact
        {
            FirstName = random.Next(2) == 0 ? $"Ann{i}" : $"Bob{i}",
            CreatedAt = start.AddMinutes(i), LastEditAt = start.AddMinutes(i),
            Source = random.NextDouble() < 0.02 ? ContactSource.Import : ContactSource.Api,
            EmailStatus = random.NextDouble() < 0.8 ? EmailStatus.Active : EmailStatus.Unsubscribed,
        }).ToList();
        db.Contacts.AddRange(contacts);
        await db.SaveChangesAsync(Ct);
        foreach (var (contact, index) in contacts.Select((c, i) => (c, i)))
        {
            var campaign = index < Contacts * 3 / 10 || index >= Contacts * 7 / 10;
            if (random.NextDouble() < (campaign ? 0.9 : 0.1))
            {
                db.ContactSubscriptions.Add(new ContactSubscription
                {
                    ContactId = contact.Id, CategoryId = events.Id, IsSubscribed = true, Since = start, Source = ContactSource.Manual,
                });
            }
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = contact.Id, FieldId = vip.Id, BoolValue = random.Next(2) == 0 });
        }
        await db.SaveChangesAsync(Ct);
    }

    private ContactQueries Queries(CountSampling sampling, int cap = Cap) =>
        new(Factory) { CountCap = cap, Sampling = sampling };

    private ContactFilter ActiveVipsAtEvents => new()
    {
        EmailStatus = EmailStatus.Active, CategoryId = events.Id, Field = new(vip.Id, FieldOperator.Equals, "yes"),
    };

    private ContactFilter AnnsAtEvents => new() { Search = "ann", CategoryId = events.Id };

    public static TheoryData<string> CombinedFilters => ["status + category + VIP", "search + category"];

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(CombinedFilters))]
    public async Task A_combined_filter_is_about_its_true_count_within_the_margin_it_states(string which)
    {
        var filter = which == "search + category" ? AnnsAtEvents : ActiveVipsAtEvents;
        var exact = await queries.CountAsync(filter, Ct);

        var page = await queries.ListAsync(new ContactListQuery { Filter = filter }, Ct);
        // Below the cap too: an exact count would still read every entry of one index.
        var belowCap = await Queries(queries.Sampling, cap: Contacts).ListAsync(new ContactListQuery { Filter = filter }, Ct);

        Assert.Equal(TotalKind.About, page.TotalKind);
        Assert.Equal((TotalKind.About, page.TotalCount), (belowCap.TotalKind, belowCap.TotalCount));
        Assert.InRange(exact, 3 * Cap, Contacts);
        Assert.InRange(page.TotalMargin!.Value, 0.01, 0.25);
        Assert.InRange(exact, page.TotalCount * (1 - page.TotalMargin.Value), page.TotalCount * (1 + page.TotalMargin.Value));
        Assert.Equal(0, page.TotalCount % 10);   // rounded: the last digit would claim more than a sample knows
        Assert.True(page.HasNextPage);
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task Matches_bunched_in_a_run_of_ids_are_counted_exactly_rather_than_guessed()
    {
        // Created in the newest tenth of the store: one run of ids, which one or two slices hit and the rest miss.
        var newest = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(Contacts * 9 / 10);
        var filter = new ContactFilter { CategoryId = events.Id, CreatedFrom = newest };
        var exact = await queries.CountAsync(filter, Ct);

        var page = await Queries(queries.Sampling, cap: Contacts).ListAsync(new ContactListQuery { Filter = filter }, Ct);

        Assert.True(filter.CombinesIndexes);
        Assert.Equal((TotalKind.Exact, exact), (page.TotalKind, page.TotalCount));
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public void The_margin_grows_with_how_much_neighbouring_slices_differ()
    {
        var sampling = new CountSampling { MinMatches = 20 };
        var even = sampling.Estimate([25, 26, 24, 25, 27, 23, 25, 25, 26, 24, 25, 25, 24, 26, 25, 25], sampled: 0.05);
        var trend = sampling.Estimate([5, 8, 10, 13, 15, 18, 20, 23, 25, 28, 30, 33, 35, 38, 40, 43], sampled: 0.05);
        var alternating = sampling.Estimate([20, 30, 20, 30, 20, 30, 20, 30, 20, 30, 20, 30, 20, 30, 20, 30], sampled: 0.05);
        var bunched = sampling.Estimate([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 400], sampled: 0.05);

        // 400 scattered matches: two standard errors of such a count, sqrt(0.95 / 400), about 10%.
        Assert.Equal(8_000, even!.Value.Total);
        Assert.InRange(even.Value.Margin, 0.097, 0.11);
        // A smooth trend differs little from one slice to the next: the same margin for the same number of matches.
        Assert.Equal(0.097, trend!.Value.Margin, 0.01);
        // Neighbours 10 apart: sqrt(0.95 · 16/30 · 15 · 10²) / 400 = 6.9%, times t(15) = 2.12: about 14.6%.
        Assert.Equal(0.146, alternating!.Value.Margin, 0.005);
        Assert.Null(bunched);
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [InlineData(12_345.0, 500.0, 12_300)]
    [InlineData(104_900.0, 1_500.0, 105_000)]
    [InlineData(8_123.0, 40.0, 8_120)]
    [InlineData(7.4, 0.2, 7)]
    public void An_estimate_is_rounded_to_a_unit_inside_its_margin(double estimate, double unitAtMost, int shown) =>
        Assert.Equal(shown, CountSampling.RoundWithin(estimate, unitAtMost));

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task The_page_under_an_estimate_is_the_page_an_exact_count_leads_to()
    {
        var exactly = Queries(new CountSampling(), cap: Contacts);
        foreach (var sort in new[] { ContactSort.CreatedAt, ContactSort.Name })
        {
            var query = new ContactListQuery { Filter = ActiveVipsAtEvents, Sort = sort, Descending = false };

            var estimated = await queries.ListAsync(query, Ct);
            var counted = await exactly.ListAsync(query, Ct);

            Assert.Equal(TotalKind.About, estimated.TotalKind);
            Assert.Equal(TotalKind.Exact, counted.TotalKind);
            Assert.Equal(counted.Rows.Select(r => r.Id), estimated.Rows.Select(r => r.Id));
        }
    }

    /// <summary>
    /// A rare combination is counted exactly, and on PostgreSQL its page reads the ids the count collected
    /// (StoreEngine.PagesCountedIds) instead of the filter: the rows must be those the filter itself gives, in every
    /// order, which a count that stops at a cap of 1 leads to (it pages the filter, checking contact by contact).
    /// </summary>
    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task A_rare_combination_counted_exactly_pages_the_rows_its_filter_gives_in_every_order()
    {
        var filter = new ContactFilter { EmailStatus = EmailStatus.Unsubscribed, Source = ContactSource.Import, Field = new(vip.Id, FieldOperator.Equals, "yes") };
        var byFilter = Queries(queries.Sampling, cap: 1);
        foreach (var sort in Enum.GetValues<ContactSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                var query = new ContactListQuery { Filter = filter, Sort = sort, Descending = descending, PageSize = 25 };

                var counted = await queries.ListAsync(query, Ct);
                var paged = await byFilter.ListAsync(query, Ct);

                Assert.Equal(TotalKind.Exact, counted.TotalKind);
                Assert.Equal(await queries.CountAsync(filter, Ct), counted.TotalCount);
                Assert.Equal(paged.Rows.Select(r => r.Id), counted.Rows.Select(r => r.Id));
            }
        }
        Assert.InRange((await queries.ListAsync(new ContactListQuery { Filter = filter }, Ct)).TotalCount, 1, 24);
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task Few_matches_single_conditions_and_small_stores_are_counted_exactly_or_up_to_the_cap()
    {
        var fewFilter = new ContactFilter { Source = ContactSource.Import, Field = new(vip.Id, FieldOperator.Equals, "yes") };
        var few = await queries.ListAsync(new ContactListQuery { Filter = fewFilter }, Ct);
        var single = await queries.ListAsync(new ContactListQuery { Filter = new ContactFilter { CategoryId = events.Id } }, Ct);
        // The default sample (50,000 ids) is more than this whole store: an exact count costs no more.
        var smallStore = await Queries(new CountSampling()).ListAsync(new ContactListQuery { Filter = ActiveVipsAtEvents }, Ct);

        Assert.Equal(TotalKind.Exact, few.TotalKind);
        Assert.Equal(await queries.CountAsync(fewFilter, Ct), few.TotalCount);
        Assert.InRange(few.TotalCount, 1, Cap);
        Assert.Equal((TotalKind.AtLeast, Cap), (single.TotalKind, single.TotalCount));
        Assert.Equal((TotalKind.AtLeast, Cap), (smallStore.TotalKind, smallStore.TotalCount));
    }

    [Theory]
    [MemberData(nameof(CombinedFilters))]
    public async Task Each_slice_seeks_its_ids_in_every_index_it_reads(string which)
    {
        var filter = which == "search + category" ? AnnsAtEvents : ActiveVipsAtEvents;
        Recorder.Clear();

        await queries.ListAsync(new ContactListQuery { Filter = filter }, Ct);

        // The slice counts are the queries that bound the subscriptions' contact ids; no other query does.
        var slices = Recorder.Plans.Where(p => p.Sql.Contains("\"ContactId\" >= @")).ToList();
        Assert.Equal(16, slices.Count);
        Assert.All(slices, plan =>
        {
            // A full scan would read every entry of a list for each slice. The search index is a virtual table, always
            // "scanned": FTS5 shows the rowid bounds it was given as "><" after its MATCH ("M").
            Assert.All(plan.Steps.Where(s => s.StartsWith("SCAN", StringComparison.Ordinal)), s => Assert.Matches(@"VIRTUAL TABLE INDEX \d+:M\d*><", s));
            // Every index is read by contact id: within the slice's bounds, or one contact at a time.
            Assert.All(plan.Steps.Where(s => s.StartsWith("SEARCH", StringComparison.Ordinal)), s => Assert.Matches(@"\((.* AND )?(ContactId|rowid)[<>=]", s));
            Assert.DoesNotContain(plan.Steps, s => s.Contains("AUTOMATIC"));   // an index SQLite builds for the query reads the whole table
            Assert.Contains(plan.Steps, s => s.Contains("ContactId>? AND ContactId<?") || s.Contains("rowid>? AND rowid<?") || s.Contains("><"));
        });
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task A_field_condition_that_cannot_apply_is_dropped_and_leaves_a_single_condition_counted_up_to_the_cap()
    {
        // "Greater than" does not apply to a yes/no field: the grid says so and filters by the category alone.
        var filter = new ContactFilter { CategoryId = events.Id, Field = new(vip.Id, FieldOperator.Greater, "1") };

        var page = await queries.ListAsync(new ContactListQuery { Filter = filter }, Ct);

        Assert.Equal((TotalKind.AtLeast, Cap), (page.TotalKind, page.TotalCount));
        Assert.Contains("the condition was ignored", page.FilterProblem);
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task Sampling_settings_that_cannot_work_stop_the_app_at_start_up()
    {
        var settings = new Dictionary<string, string> { ["Contacts:CountSampling:Slices"] = "8" };
        await using var app = new AppFactory(Database, new() { Settings = settings });
        await using var services = Database.AppServices(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        // What start-up prints, one line per key (the process itself is checked in OptionsValidationTests).
        Assert.Contains("Contacts:CountSampling: Slices must be at least 16", Assert.Single(services.SettingsProblems()));
    }

    public static TheoryData<string, bool> Combinations => new()
    {
        { "none", false }, { "status", false }, { "status + created", false }, { "source + created", false }, { "edited", false },
        { "status + source", true }, { "status + edited", true }, { "created + edited", true }, { "category + created", true },
        { "search + field", true }, { "status + category", true },
    };

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(Combinations))]
    public void A_filter_combines_indexes_when_no_single_index_answers_all_of_it(string which, bool combines)
    {
        var day = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var filter = ContactFilter.None;
        foreach (var part in which.Split(" + "))
        {
            filter = part switch
            {
                "status" => filter with { EmailStatus = EmailStatus.Active },
                "source" => filter with { Source = ContactSource.SubscriptionForm },
                "created" => filter with { CreatedFrom = day },
                "edited" => filter with { EditedTo = day },
                "category" => filter with { CategoryId = 1 },
                "search" => filter with { Search = "ann" },
                "field" => filter with { Field = new(1, FieldOperator.Equals, "yes") },
                _ => filter,
            };
        }

        Assert.Equal(combines, filter.CombinesIndexes);
    }
}
