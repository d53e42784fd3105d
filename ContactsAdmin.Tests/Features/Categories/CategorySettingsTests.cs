using ContactsAdmin.Features.Categories;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Categories;

/// <summary>What an Admin's changes at /settings/categories do to the store, and what they are refused.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CategorySettingsTests : StoreTest
{
    private CategorySettings categories = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        categories = new CategorySettings(Factory, TestAuthorization.AppPolicies(), TimeProvider.System);
    }

    [Fact]
    public async Task A_created_category_is_listed_last_with_no_subscribers()
    {
        await Store.CategoryAsync("Newsletter");

        var outcome = await categories.CreateAsync(new(" Spring offers ", "spring_offers", "Seasonal sales"), TestUsers.Admin(), Ct);

        Assert.IsType<CategoryOutcome.Done>(outcome);
        var listed = await categories.ListAsync(Ct);
        Assert.Equal(["Newsletter", "Spring offers"], listed.Select(c => c.Name));
        Assert.Equal(new CategoryRow(listed[1].Id, "spring_offers", "Spring offers", "Seasonal sales", 0), listed[1]);
    }

    [Fact]
    public async Task The_list_counts_subscribed_contacts_only()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter);
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter);
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter, subscribed: false);

        var listed = await categories.ListAsync(Ct);

        Assert.Equal(2, Assert.Single(listed).Subscribers);
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_under_the_key_field_and_nothing_is_stored()
    {
        await Store.CategoryAsync("Newsletter");

        var outcome = await categories.CreateAsync(new("Weekly news", "newsletter", null), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CategoryOutcome.Invalid>(outcome);
        Assert.Equal([CategoryInput.Key], invalid.Errors.Keys);
        Assert.Contains("already has the key newsletter", invalid.Errors[CategoryInput.Key]);
        await using var db = NewContext();
        Assert.Equal(1, await db.SubscriptionCategories.CountAsync(Ct));
    }

    [Fact]
    public async Task Empty_name_bad_key_and_too_long_description_are_each_named()
    {
        var outcome = await categories.CreateAsync(new("  ", "Spring Offers", new string('x', 501)), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CategoryOutcome.Invalid>(outcome);
        Assert.Equal("Give the category a name.", invalid.Errors[CategoryInput.Name]);
        Assert.Equal("Use lowercase letters, digits and underscores, starting with a letter.", invalid.Errors[CategoryInput.Key]);
        Assert.Equal("The description can be at most 500 characters.", invalid.Errors[CategoryInput.Description]);
    }

    [Theory]
    [InlineData("Product updates!", "product_updates")]
    [InlineData("Événements à Paris", "evenements_a_paris")]
    [InlineData("2026 offers", "c_2026_offers")]
    [InlineData("  ", "")]
    public void The_key_suggested_from_a_name_is_a_lowercase_slug(string name, string key) =>
        Assert.Equal(key, CategoryRules.SuggestKey(name));

    [Fact]
    public async Task Renaming_changes_name_and_description_but_never_the_key()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");

        var outcome = await categories.UpdateAsync(newsletter.Id, new("Weekly letter", "other_key", "Every Monday"), TestUsers.Admin(), Ct);

        Assert.IsType<CategoryOutcome.Done>(outcome);
        var row = Assert.Single(await categories.ListAsync(Ct));
        Assert.Equal(("newsletter", "Weekly letter", "Every Monday"), (row.Key, row.Name, row.Description));
    }

    [Fact]
    public async Task Moving_a_category_down_swaps_it_with_the_next()
    {
        var first = await Store.CategoryAsync("Alpha");
        await Store.CategoryAsync("Beta");
        await Store.CategoryAsync("Gamma");

        await categories.MoveAsync(first.Id, +1, TestUsers.Admin(), Ct);

        Assert.Equal(["Beta", "Alpha", "Gamma"], (await categories.ListAsync(Ct)).Select(c => c.Name));
    }

    [Fact]
    public async Task Deleting_is_refused_while_contacts_are_subscribed_until_their_number_is_confirmed()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter);
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter);

        var unconfirmed = await categories.DeleteAsync(newsletter.Id, 0, TestUsers.Admin(), Ct);
        var staleCount = await categories.DeleteAsync(newsletter.Id, 1, TestUsers.Admin(), Ct);
        Assert.Equal(2, Assert.IsType<CategoryOutcome.NeedsConfirmation>(unconfirmed).Subscribers);
        Assert.IsType<CategoryOutcome.NeedsConfirmation>(staleCount);
        Assert.Single(await categories.ListAsync(Ct));

        var confirmed = await categories.DeleteAsync(newsletter.Id, 2, TestUsers.Admin(), Ct);

        Assert.IsType<CategoryOutcome.Done>(confirmed);
        Assert.Empty(await categories.ListAsync(Ct));
        await using var db = NewContext();
        Assert.Equal(0, await db.ContactSubscriptions.CountAsync(Ct));
    }

    [Fact]
    public async Task A_category_nobody_is_subscribed_to_is_deleted_at_once()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        await Store.SubscribeAsync(await Store.ContactAsync(), newsletter, subscribed: false);

        Assert.IsType<CategoryOutcome.Done>(await categories.DeleteAsync(newsletter.Id, 0, TestUsers.Admin(), Ct));
        Assert.Empty(await categories.ListAsync(Ct));
    }

    [Fact]
    public async Task Marketers_and_viewers_are_refused_every_change()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");

        foreach (var user in new[] { TestUsers.Marketer(), TestUsers.Viewer() })
        {
            Assert.IsType<CategoryOutcome.Refused>(await categories.CreateAsync(new("Offers", "offers", null), user, Ct));
            Assert.IsType<CategoryOutcome.Refused>(await categories.UpdateAsync(newsletter.Id, new("Renamed", null, null), user, Ct));
            Assert.IsType<CategoryOutcome.Refused>(await categories.MoveAsync(newsletter.Id, 1, user, Ct));
            Assert.IsType<CategoryOutcome.Refused>(await categories.DeleteAsync(newsletter.Id, 0, user, Ct));
        }

        var row = Assert.Single(await categories.ListAsync(Ct));
        Assert.Equal("Newsletter", row.Name);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_log_with_who_made_it_and_before_and_after()
    {
        await Store.CategoryAsync("Newsletter");
        var created = Assert.IsType<CategoryOutcome.Done>(
            await categories.CreateAsync(new("Offers", "offers", null), TestUsers.Admin("ada@example.com"), Ct));
        await categories.UpdateAsync(created.Id, new("Spring offers", null, "Seasonal"), TestUsers.Admin("ada@example.com"), Ct);
        await categories.UpdateAsync(created.Id, new("Spring offers", null, "Seasonal"), TestUsers.Admin("ada@example.com"), Ct);
        await categories.MoveAsync(created.Id, -1, TestUsers.Admin("grace@example.com"), Ct);
        await categories.MoveAsync(created.Id, -1, TestUsers.Admin("grace@example.com"), Ct);   // already first: nothing moves
        await categories.DeleteAsync(created.Id, 0, TestUsers.Admin("grace@example.com"), Ct);
        await categories.CreateAsync(new("Refused", "refused", null), TestUsers.Marketer(), Ct);

        await using var db = NewContext();
        var log = await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(
            [("ada@example.com", "Created"), ("ada@example.com", "Edited"), ("grace@example.com", "Moved"), ("grace@example.com", "Deleted")],
            log.Select(c => (c.Actor, c.Action)));
        Assert.All(log, c => Assert.Equal(("offers", ContactsAdmin.Data.SettingsArea.Category), (c.Subject, c.Area)));
        Assert.Equal("""{"Name":"Offers","Description":null}""", log[1].Before);
        Assert.Equal("""{"Name":"Spring offers","Description":"Seasonal"}""", log[1].After);
        Assert.Equal(("""{"Position":2}""", """{"Position":1}"""), (log[2].Before, log[2].After));
        Assert.Null(log[3].After);
    }
}
