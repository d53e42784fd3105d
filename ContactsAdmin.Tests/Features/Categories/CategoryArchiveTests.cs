using ContactsAdmin.Data;
using ContactsAdmin.Features.Categories;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Categories;

/// <summary>Archiving a category at /settings/categories: offered nowhere, subscriptions kept; restoring brings it back.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CategoryArchiveTests : StoreTest
{
    private CategoryArchive Archive => Services.GetRequiredService<CategoryArchive>();

    [Fact]
    public async Task An_archived_category_is_listed_as_archived_with_its_subscribers_kept()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter);

        var outcome = await Archive.ArchiveAsync(newsletter.Id, TestUsers.Admin(), Ct);

        Assert.IsType<CategoryOutcome.Done>(outcome);
        var row = Assert.Single(await Services.GetRequiredService<CategorySettings>().ListAsync(Ct));
        Assert.True(row.IsArchived);
        Assert.Equal(1, row.Subscribers);
    }

    [Fact]
    public async Task Archiving_and_restoring_are_each_recorded_in_the_settings_audit_log()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");

        await Archive.ArchiveAsync(newsletter.Id, TestUsers.Admin("boss@example.com"), Ct);
        await Archive.RestoreAsync(newsletter.Id, TestUsers.Admin("boss@example.com"), Ct);

        await using var db = NewContext();
        var entries = await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal([("Archived", "newsletter", "boss@example.com"), ("Restored", "newsletter", "boss@example.com")],
            entries.Select(e => (e.Action, e.Subject, e.Actor)));
        Assert.All(entries, e => Assert.Equal(SettingsArea.Category, e.Area));
        Assert.Contains("\"ArchivedAt\":null", entries[0].Before);
        Assert.Contains("\"ArchivedAt\":null", entries[1].After);
    }

    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Viewer)]
    public async Task Marketers_and_viewers_may_not_archive_or_restore(string role)
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var user = role == Roles.Marketer ? TestUsers.Marketer() : TestUsers.Viewer();

        Assert.IsType<CategoryOutcome.Refused>(await Archive.ArchiveAsync(newsletter.Id, user, Ct));
        Assert.IsType<CategoryOutcome.Refused>(await Archive.RestoreAsync(newsletter.Id, user, Ct));

        await using var db = NewContext();
        Assert.Null((await db.SubscriptionCategories.SingleAsync(Ct)).ArchivedAt);
        Assert.False(await db.SettingsChanges.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_card_no_longer_offers_an_archived_category_but_still_shows_an_existing_subscription_to_it()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var subscriber = await Store.ContactAsync();
        var stranger = await Store.ContactAsync();
        await Store.SubscribeAsync(subscriber, newsletter);

        await Archive.ArchiveAsync(newsletter.Id, TestUsers.Admin(), Ct);

        var cards = Services.GetRequiredService<ContactCardQueries>();
        Assert.Empty((await cards.GetAsync(stranger.Id, Ct))!.Subscriptions);
        var kept = Assert.Single((await cards.GetAsync(subscriber.Id, Ct))!.Subscriptions);
        Assert.Equal((newsletter.Id, SubscriptionState.Subscribed), (kept.Category.Id, kept.State));
        Assert.NotNull(kept.Category.ArchivedAt);
    }

    [Fact]
    public async Task Nobody_can_be_subscribed_to_an_archived_category_from_the_card()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var contact = await Store.ContactAsync();
        await Archive.ArchiveAsync(newsletter.Id, TestUsers.Admin(), Ct);

        var changed = await Services.GetRequiredService<SubscriptionEditor>().SetAsync(contact.Id, newsletter.Id, true, TestUsers.Marketer(), Ct);

        Assert.False(changed);
        await using var db = NewContext();
        Assert.False(await db.ContactSubscriptions.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_grid_filter_leaves_out_an_archived_category_until_it_is_restored()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var offers = await Store.CategoryAsync("Offers");
        var lookups = Services.GetRequiredService<ContactLookups>();

        await Archive.ArchiveAsync(newsletter.Id, TestUsers.Admin(), Ct);
        var whileArchived = await lookups.CategoriesAsync(Ct);
        await Archive.RestoreAsync(newsletter.Id, TestUsers.Admin(), Ct);
        var restored = await lookups.CategoriesAsync(Ct);

        Assert.Equal([offers.Id], whileArchived.Select(c => c.Id));
        Assert.Equal(new[] { newsletter.Id, offers.Id }.Order(), restored.Select(c => c.Id).Order());
    }
}
