using Bunit;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>The segments page's list as rendered: the empty state that says how to make one, and a row's count and its age.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SegmentsPageRenderTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;
    private SegmentStore segments = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        segments = new SegmentStore(database.Factory, TestAuthorization.AppPolicies(), Clock);
        Services.AddSingleton(segments);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void With_no_segments_the_page_says_how_to_make_one()
    {
        var page = Render<SegmentsPage>();

        page.WaitForElement("#segments-empty");
        Assert.Contains("build conditions on All contacts and choose Save", page.Find("#segments-empty").TextContent);
        Assert.Equal("/contacts", page.Find("#segments-empty a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_row_shows_its_count_with_how_long_ago_it_was_counted_or_that_it_never_was()
    {
        var counted = Assert.IsType<SegmentOutcome.Saved>(await segments.CreateAsync("Counted", EmailStatusIs(EmailStatus.Active), TestUsers.Marketer(), Ct));
        await segments.CreateAsync("Fresh", SourceIs(ContactSource.Order), TestUsers.Marketer(), Ct);
        await segments.CountAsync(counted.Id, Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var page = Render<SegmentsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#segments tbody tr").Count));
        var rows = page.FindAll("#segments tbody tr");
        Assert.Contains("0 contacts", rows[0].TextContent);
        Assert.Contains("counted 5 min ago", rows[0].TextContent);
        Assert.Contains("marketer@example.com", rows[0].TextContent);
        Assert.Contains("Never", rows[0].TextContent);
        Assert.Contains("Not counted yet", rows[1].TextContent);
    }
}
