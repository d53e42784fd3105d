using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// The API app whose background refresh of counts waits a week after its first round, and whose tests start once that
/// round is over: counts change only when a test counts.
/// </summary>
public sealed class SegmentApiApp : ApiApp
{
    protected override AppFactoryOptions Options => new() { Settings = new Dictionary<string, string> { ["Segments:CheckEveryMinutes"] = "10080" } };

    private int firstRoundSegment;

    /// <summary>
    /// A segment never counted, saved before the app starts: the app's first round (at start-up, on the thread pool)
    /// counts it, so once it has a count that round is over, and cannot count a test's own segment.
    /// </summary>
    protected override async Task BeforeStartAsync()
    {
        var rule = new SegmentRule { Groups = [new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.EmailStatus, Value = "Active" }] }] };
        var saved = await Database.Services.GetRequiredService<SegmentStore>().CreateAsync("First round", rule, TestUsers.Marketer(), TestRun.Ct);
        firstRoundSegment = Assert.IsType<SegmentOutcome.Saved>(saved).Id;
    }

    protected override Task StartedAsync() => Eventually.HoldsAsync(
        async () => (await Factory.Services.GetRequiredService<SegmentStore>().FindAsync(firstRoundSegment, TestRun.Ct))?.CountedAt is not null,
        TimeSpan.FromSeconds(60), "the app's first round of segment counts");
}

/// <summary>
/// GET /api/v1/segments and GET /api/v1/segments/{id}/contacts over real HTTP: the systems that send read the saved
/// segments and page through their members' ids. Each test's segment is "subscribed to a category of its own", so the
/// members are exactly the contacts the test subscribed.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SegmentApiTests(SegmentApiApp app) : IClassFixture<SegmentApiApp>
{
    private SegmentStore Segments => app.Factory.Services.GetRequiredService<SegmentStore>();

    /// <summary>A segment of <paramref name="members"/> new contacts (and a few non-members around them); its id and its members' ids.</summary>
    private async Task<(int Id, List<long> Members)> SegmentOfAsync(int members)
    {
        var category = await app.Store.CategoryAsync(app.Unique("Segment category "));
        var ids = new List<long>();
        for (var i = 0; i < members; i++)
        {
            var contact = await app.Store.ContactAsync();
            await app.Store.SubscribeAsync(contact, category);
            ids.Add(contact.Id);
            if (i % 3 == 0) await app.Store.ContactAsync();
        }
        var rule = new SegmentRule { Groups = [new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.Category, TargetId = category.Id }] }] };
        var saved = await Segments.CreateAsync(app.Unique("API segment "), rule, TestUsers.Marketer(), Ct);
        return (Assert.IsType<SegmentOutcome.Saved>(saved).Id, ids);
    }

    [Fact]
    public async Task Paging_with_after_gives_every_member_once_in_id_order_and_marks_the_segment_used()
    {
        var (id, members) = await SegmentOfAsync(11);
        using var client = app.Client();

        var seen = new List<long>();
        var pages = 0;
        for (var url = $"/api/v1/segments/{id}/contacts?limit=4"; url is not null; pages++)
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.BodyAsync(Ct);
            seen.AddRange(body["contactIds"]!.AsArray().Select(i => i!.GetValue<long>()));
            Assert.True(body.AsObject().ContainsKey("next"), "every page says whether another follows");
            var next = body["next"]?.GetValue<long>();
            url = next is { } after ? $"/api/v1/segments/{id}/contacts?limit=4&after={after}" : null;
            Assert.True(pages < 10, "The pages never end");
        }

        Assert.Equal(members, seen);
        Assert.Equal(3, pages);
        Assert.NotNull((await Segments.FindAsync(id, Ct))!.LastUsedAt);
    }

    [Fact]
    public async Task Without_a_limit_a_page_has_100_ids()
    {
        var (id, members) = await SegmentOfAsync(101);
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/segments/{id}/contacts", Ct);

        var body = await response.BodyAsync(Ct);
        Assert.Equal(members.Take(100), body["contactIds"]!.AsArray().Select(i => i!.GetValue<long>()));
        Assert.Equal(members[99], body["next"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_list_has_each_segment_with_its_count_and_who_made_it()
    {
        var (id, _) = await SegmentOfAsync(2);
        await Segments.CountAsync(id, Ct);
        using var client = app.Client();

        using var response = await client.GetAsync("/api/v1/segments", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = (await response.BodyAsync(Ct)).AsArray().Single(s => s!["id"]!.GetValue<int>() == id)!;
        var saved = (await Segments.FindAsync(id, Ct))!;
        Assert.Equal(saved.Name, listed["name"]!.GetValue<string>());
        Assert.Equal(2, listed["memberCount"]!.GetValue<int>());
        Assert.Equal(saved.CountedAt!.Value, listed["countedAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("marketer@example.com", listed["createdBy"]!.GetValue<string>());
        Assert.NotNull(listed["updatedAt"]);
    }

    [Fact]
    public async Task A_segment_never_counted_is_listed_with_a_null_count()
    {
        var (id, _) = await SegmentOfAsync(1);
        using var client = app.Client();

        using var response = await client.GetAsync("/api/v1/segments", Ct);

        var listed = (await response.BodyAsync(Ct)).AsArray().Single(s => s!["id"]!.GetValue<int>() == id)!.AsObject();
        Assert.True(listed.ContainsKey("memberCount") && listed["memberCount"] is null);
        Assert.True(listed.ContainsKey("countedAt") && listed["countedAt"] is null);
    }

    [Fact]
    public async Task An_unknown_segment_is_a_404_problem()
    {
        await using var db = app.Database.NewContext();
        var unknown = (await db.Segments.MaxAsync(s => (int?)s.Id, Ct) ?? 0) + 1000;
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/segments/{unknown}/contacts", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Contains($"#{unknown}", (await response.BodyAsync(Ct))["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=-5", "after")]
    [InlineData("after=abc", "after")]
    public async Task A_bad_limit_or_after_is_a_400_problem_naming_the_field(string query, string field)
    {
        var (id, _) = await SegmentOfAsync(1);
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/segments/{id}/contacts?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Equal([field], await response.ErrorPathsAsync(Ct));
    }

    [Fact]
    public async Task Only_a_key_with_the_segments_scope_may_read_segments()
    {
        var (id, _) = await SegmentOfAsync(1);
        using var contactsOnly = app.Client(await app.CreateKeyAsync(app.Unique("contacts only "), ApiScopes.ContactsRead));
        using var segmentsOnly = app.Client(await app.CreateKeyAsync(app.Unique("segments only "), ApiScopes.SegmentsRead));
        using var noKey = app.Client("");

        using var refusedList = await contactsOnly.GetAsync("/api/v1/segments", Ct);
        using var refusedPage = await contactsOnly.GetAsync($"/api/v1/segments/{id}/contacts", Ct);
        using var allowed = await segmentsOnly.GetAsync($"/api/v1/segments/{id}/contacts", Ct);
        using var anonymous = await noKey.GetAsync("/api/v1/segments", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refusedList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Read segments and their members", ApiScopes.Describe(ApiScopes.SegmentsRead));
        Assert.Contains(ApiScopes.SegmentsRead, ApiScopes.All);
    }
}
