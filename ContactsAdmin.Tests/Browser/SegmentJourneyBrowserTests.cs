using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// The issue's whole journey: a rule built on All contacts, applied, saved, found on the segments page, opened again,
/// and named on the card of a contact in it (and not on the card of one outside it).
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public partial class SegmentJourneyBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string NewsletterKey = "newsletter";
    private const string LifetimeValueKey = "lifetime_value";
    private const double LifetimeValueOver = 1000;
    private const int ClickedWithinDays = 30;

    /// <summary>The test's own contacts; each of the two outsiders misses exactly one part of the rule.</summary>
    private sealed record Seeded(Contact ViaNewsletter, Contact ViaLifetimeValue, Contact ClickedTooLongAgo, Contact NotActive);

    [Fact]
    public async Task A_rule_built_on_all_contacts_is_saved_listed_reopened_and_named_on_its_members_cards()
    {
        var tag = Tag();
        var seeded = await SeedAsync(tag);
        var expected = await MatchingNamesAsync(tag);
        // The two members match for different reasons; the other two are each out for one reason.
        Assert.Equal([Name(seeded.ViaLifetimeValue), Name(seeded.ViaNewsletter)], expected);

        var page = await NewAdminPageAsync();
        var names = page.Locator("#contacts-grid a.contact-name");
        await BuildRuleAsync(page, tag);
        await page.Locator("#apply-conditions").ClickAsync();

        await Expect(page).ToHaveURLAsync(RuleInUrl());
        await Expect(names).ToHaveTextAsync(expected);
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync($"{expected.Length} contacts match");
        await Expect(page.Locator("#conditions-toggle")).ToContainTextAsync("Conditions (5)");
        await Stillness.WaitAsync(page);
        await Screenshots.SaveAsync(page, "segment-journey-conditions.png");

        var segmentName = $"Engaged {tag}";
        await page.Locator("#save-as-segment").ClickAsync();
        var dialog = page.Locator("#save-segment-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await dialog.Locator("#segment-name").FillAsync(segmentName);
        await page.Locator("#segment-save").ClickAsync();
        await Expect(page.Locator("#segment-name")).ToHaveTextAsync($"Segment: {segmentName}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/segments$"));
        var row = page.Locator("#segments tbody tr", new() { HasText = segmentName });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Count now: {segmentName}" }).ClickAsync();
        await Expect(row.Locator(".segment-count")).ToHaveTextAsync($"{expected.Length} contacts");
        await row.GetByRole(AriaRole.Link, new() { Name = segmentName }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SegmentInUrl());
        await Expect(page.Locator("#segment-name")).ToHaveTextAsync($"Segment: {segmentName}");
        await Expect(names).ToHaveTextAsync(expected);
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync($"{expected.Length} contacts match");

        await names.GetByText(Name(seeded.ViaLifetimeValue), new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/contacts/{seeded.ViaLifetimeValue.Id}(\\?|$)"));
        await WaitForInteractiveAsync(page);
        var segments = page.Locator("#section-segments");
        await Expect(segments.Locator(".contact-segment", new() { HasText = segmentName })).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await Screenshots.SaveAsync(page, "segment-journey-card.png");

        foreach (var outsider in new[] { seeded.ClickedTooLongAgo, seeded.NotActive })
        {
            await page.GotoAsync($"contacts/{outsider.Id}");
            await WaitForInteractiveAsync(page);
            // The section has read the contact's segments (a list or "in no saved segment") before its absence means anything.
            await Expect(segments.Locator("#contact-segments, #contact-segments-empty")).ToBeVisibleAsync();
            await Expect(segments).Not.ToContainTextAsync(segmentName);
        }

        // Opened in the grid above: the list says it was used.
        await page.GotoAsync("segments");
        await WaitForInteractiveAsync(page);
        var lastUsed = page.Locator("#segments tbody tr", new() { HasText = segmentName }).Locator("td[data-label='Last used']");
        await Expect(lastUsed).ToBeVisibleAsync();
        await Expect(lastUsed).Not.ToHaveTextAsync("Never");
    }

    /// <summary>
    /// "Email status is Active AND (Newsletter OR lifetime value over 1000) AND clicked any message in the last 30 days",
    /// and "Email contains the tag" so that only this test's contacts can match.
    /// </summary>
    private static async Task BuildRuleAsync(IPage page, string tag)
    {
        await page.Locator("#conditions-toggle").ClickAsync();
        await page.Locator("#add-first-condition").ClickAsync();
        // A new condition starts as "Email status is Active".
        await Expect(Row(page, 0).Locator(".condition-kind")).ToContainTextAsync("Email status");
        await Expect(Row(page, 0).Locator(".condition-value")).ToContainTextAsync("Active");

        await page.Locator("#add-group").ClickAsync();
        await PickAsync(page, Row(page, 1).Locator(".condition-kind"), "Subscription category");
        await PickAsync(page, Row(page, 1).Locator(".condition-target"), "Newsletter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition to group 2" }).ClickAsync();
        await PickAsync(page, Row(page, 2).Locator(".condition-kind"), "Lifetime value");
        await PickAsync(page, Row(page, 2).Locator(".condition-operator"), "greater than");
        await page.Locator("#condition-1-1-value").FillAsync("1000");
        var groupJoin = page.Locator(".join-conditions");
        await groupJoin.ClickAsync();
        await Expect(groupJoin).ToHaveTextAsync("OR");

        await page.Locator("#add-group").ClickAsync();
        await PickAsync(page, Row(page, 3).Locator(".condition-kind"), "Message");
        await PickAsync(page, Row(page, 3).Locator(".condition-action"), "clicked");
        await Expect(page.Locator("#condition-2-0-value")).ToHaveValueAsync("");
        await Expect(page.Locator("#condition-2-0-days")).ToHaveValueAsync($"{ClickedWithinDays}");

        await page.Locator("#add-group").ClickAsync();
        await PickAsync(page, Row(page, 4).Locator(".condition-kind"), "Email");
        await PickAsync(page, Row(page, 4).Locator(".condition-operator"), "contains");
        await page.Locator("#condition-3-0-value").FillAsync(tag);

        // Every group is joined to the next by AND.
        await Expect(page.Locator(".join-groups")).ToHaveTextAsync(["AND", "AND", "AND"]);
        await Expect(page.Locator("#condition-1-1-value")).ToHaveValueAsync("1000");
    }

    private async Task<Seeded> SeedAsync(string tag)
    {
        await using var db = Fixture.Database.NewContext();
        var store = new StoreBuilder(Fixture.Database);
        var newsletter = await db.SubscriptionCategories.SingleOrDefaultAsync(c => c.Key == NewsletterKey, Ct)
            ?? await store.CategoryAsync("Newsletter");
        var lifetimeValue = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Key == LifetimeValueKey, Ct)
            ?? await store.FieldAsync(LifetimeValueKey, CustomFieldType.Number);
        var now = DateTime.UtcNow;
        var order = 0;

        async Task<Contact> ContactAsync(string first, EmailStatus status, bool? subscribed, string? value, int? clickedDaysAgo)
        {
            var created = now.AddMinutes(order++);
            var contact = await store.ContactAsync(c =>
            {
                (c.FirstName, c.LastName, c.Email, c.EmailStatus) = (first, tag, $"{first.ToLowerInvariant()}.{tag}@example.com", status);
                (c.CreatedAt, c.LastEditAt) = (created, created);
            });
            if (subscribed is { } isSubscribed) await store.SubscribeAsync(contact, newsletter, isSubscribed);
            if (value is not null) await store.ValueAsync(contact, lifetimeValue, value);
            // A recent delivery for everyone: received is not clicked.
            List<Activity> activities = [Message(now.AddDays(-1), MessageStatus.Delivered)];
            if (clickedDaysAgo is { } days) activities.Add(Message(now.AddDays(-days), MessageStatus.Clicked));
            await store.ActivitiesAsync(contact, activities);
            return contact;
        }

        return new Seeded(
            ViaNewsletter: await ContactAsync("Nora", EmailStatus.Active, subscribed: true, value: "500", clickedDaysAgo: 3),
            ViaLifetimeValue: await ContactAsync("Luis", EmailStatus.Active, subscribed: false, value: "2500", clickedDaysAgo: 10),
            ClickedTooLongAgo: await ContactAsync("Cleo", EmailStatus.Active, subscribed: true, value: "5000", clickedDaysAgo: 40),
            NotActive: await ContactAsync("Ugo", EmailStatus.Unsubscribed, subscribed: true, value: "5000", clickedDaysAgo: 2));
    }

    private static Activity Message(DateTime at, MessageStatus status) =>
        new() { Channel = ActivityChannel.Email, Status = status, Name = "Spring sale", OccurredAt = at };

    /// <summary>
    /// The rule read straight from the store, without the app's predicates: the tagged contacts that are Active, subscribed
    /// to Newsletter or worth more than 1000, and clicked a message in the last 30 days; newest first, as the grid opens.
    /// </summary>
    private async Task<string[]> MatchingNamesAsync(string tag)
    {
        await using var db = Fixture.Database.NewContext();
        var since = DateTime.UtcNow.AddDays(-ClickedWithinDays);
        var newsletterId = await db.SubscriptionCategories.Where(c => c.Key == NewsletterKey).Select(c => c.Id).SingleAsync(Ct);
        var fieldId = await db.CustomFieldDefinitions.Where(f => f.Key == LifetimeValueKey).Select(f => f.Id).SingleAsync(Ct);
        var subscribed = db.ContactSubscriptions.Where(s => s.CategoryId == newsletterId && s.IsSubscribed).Select(s => s.ContactId);
        var valuable = db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.NumberValue > LifetimeValueOver).Select(v => v.ContactId);
        var clicked = db.Activities.Where(a => a.Channel == ActivityChannel.Email && a.Status == MessageStatus.Clicked && a.OccurredAt >= since)
            .Select(a => a.ContactId);
        var rows = await db.Contacts
            .Where(c => c.EmailNormalized!.Contains(tag))
            .Where(c => c.EmailStatus == EmailStatus.Active && (subscribed.Contains(c.Id) || valuable.Contains(c.Id)) && clicked.Contains(c.Id))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.FirstName, c.LastName, c.Email, c.Id }).ToListAsync(Ct);
        return [.. rows.Select(c => ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id))];
    }

    private static string Name(Contact c) => ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id);

    private static ILocator Row(IPage page, int index) => page.Locator(".condition-row").Nth(index);

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await Expect(select).ToContainTextAsync(option);
    }

    [GeneratedRegex(@"[?&]rule=[A-Za-z0-9_-]+")]
    private static partial Regex RuleInUrl();

    [GeneratedRegex(@"[?&]segment=(\d+)")]
    private static partial Regex SegmentInUrl();
}
