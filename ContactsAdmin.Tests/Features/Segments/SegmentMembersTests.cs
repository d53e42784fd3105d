using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>Who is in a saved segment now: the card's list of a contact's segments, and pages of a segment's ids.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SegmentMembersTests : StoreTest
{
    private SegmentStore segments = null!;
    private SegmentMembers members = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        segments = new SegmentStore(Factory, TestAuthorization.AppPolicies(), TimeProvider.System);
        members = new SegmentMembers(Factory, TimeProvider.System);
    }

    private async Task<int> CreateAsync(string name, SegmentRule rule) =>
        Assert.IsType<SegmentOutcome.Saved>(await segments.CreateAsync(name, rule, TestUsers.Marketer(), Ct)).Id;

    [Fact]
    public async Task A_contact_is_listed_in_the_segments_whose_conditions_it_meets_by_name()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var imported = await Store.ContactAsync(c => { c.Source = ContactSource.Import; c.EmailStatus = EmailStatus.Active; });
        await Store.SubscribeAsync(imported, newsletter);
        var active = await CreateAsync("Active email", EmailStatusIs(EmailStatus.Active));
        var readers = await CreateAsync("Newsletter readers", Of(new SegmentCondition { Kind = ConditionKind.Category, TargetId = newsletter.Id }));
        await CreateAsync("Buyers", SourceIs(ContactSource.Order));
        var other = await Store.ContactAsync(c => c.Source = ContactSource.Order);

        var containing = await members.ContainingAsync(imported.Id, Ct);

        Assert.Equal([new ContactSegment(active, "Active email"), new ContactSegment(readers, "Newsletter readers")], containing);
        Assert.Equal(["Buyers"], (await members.ContainingAsync(other.Id, Ct)).Select(s => s.Name));
        Assert.Empty(await members.ContainingAsync(other.Id + 1000, Ct));
    }

    [Fact]
    public async Task Pages_of_a_segment_give_each_member_once_in_id_order_and_say_where_they_end()
    {
        var expected = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            expected.Add((await Store.ContactAsync(c => c.Source = ContactSource.MobileApp)).Id);
            await Store.ContactAsync(c => c.Source = ContactSource.Manual);
        }
        var id = await CreateAsync("App users", SourceIs(ContactSource.MobileApp));

        var seen = new List<long>();
        var pages = 0;
        for (long? after = 0; after is { } from; pages++)
        {
            var page = (await members.PageAsync(id, from, 3, Ct))!;
            seen.AddRange(page.ContactIds);
            after = page.Next;
        }

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
        Assert.Null(await members.PageAsync(id + 1000, 0, 3, Ct));
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_member_says_it_is_the_last()
    {
        for (var i = 0; i < 4; i++) await Store.ContactAsync(c => c.Source = ContactSource.SubscriptionForm);
        var id = await CreateAsync("Form sign-ups", SourceIs(ContactSource.SubscriptionForm));

        var page = (await members.PageAsync(id, 0, 4, Ct))!;

        Assert.Equal(4, page.ContactIds.Count);
        Assert.Null(page.Next);
    }
}
