using Bunit;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>The card's section that lists the saved segments a contact is in, each opening the grid on that segment.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactSegmentsSectionTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;
    private StoreBuilder store = null!;
    private SegmentStore segments = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        store = new StoreBuilder(database);
        segments = new SegmentStore(database.Factory, TestAuthorization.AppPolicies(), Clock);
        Services.AddSingleton(new SegmentMembers(database.Factory, Clock));
        // As in the circuit: the section reads the segments itself rather than from a prerender.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_segments_the_contact_is_in_are_links_to_the_grid_of_each()
    {
        var contact = await store.ContactAsync(c => { c.EmailStatus = EmailStatus.Active; c.Source = ContactSource.Import; });
        var active = Assert.IsType<SegmentOutcome.Saved>(await segments.CreateAsync("Active email", EmailStatusIs(EmailStatus.Active), TestUsers.Marketer(), Ct));
        await segments.CreateAsync("Buyers", SourceIs(ContactSource.Order), TestUsers.Marketer(), Ct);

        var section = Render<ContactSegmentsSection>(p => p.Add(s => s.ContactId, contact.Id));

        section.WaitForAssertion(() => Assert.Single(section.FindAll("a.contact-segment")));
        var link = section.Find("a.contact-segment");
        Assert.Equal("Active email", link.TextContent.Trim());
        Assert.Equal($"/contacts?segment={active.Id}", link.GetAttribute("href"));
        Assert.Equal("Segments", section.Find("h2").TextContent.Trim());
    }

    [Fact]
    public async Task A_contact_in_no_segment_is_told_so()
    {
        var contact = await store.ContactAsync(c => c.Source = ContactSource.Manual);
        await segments.CreateAsync("Buyers", SourceIs(ContactSource.Order), TestUsers.Marketer(), Ct);

        var section = Render<ContactSegmentsSection>(p => p.Add(s => s.ContactId, contact.Id));

        section.WaitForAssertion(() => Assert.Equal("This contact is in no saved segment.", section.Find("#contact-segments-empty").TextContent.Trim()));
    }
}
