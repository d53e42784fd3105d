using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Profile;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>Building conditions above the All contacts grid, keeping them in the URL, and saving them as a segment.</summary>
public partial class ConditionBuilderBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string CategoryName = "Events";
    private const ContactSource ChosenSource = ContactSource.Import;

    [Fact]
    public async Task Conditions_built_and_applied_show_exactly_the_matching_contacts_and_save_as_a_segment()
    {
        var expected = await MatchingNamesAsync();
        var page = await NewAdminPageAsync();
        var names = page.Locator("#contacts-grid a.contact-name");

        await page.Locator("#conditions-toggle").ClickAsync();
        await page.Locator("#add-first-condition").ClickAsync();
        // A new condition starts as "Email status is Active".
        var first = Row(page, 0);
        await Expect(first.Locator(".condition-kind")).ToContainTextAsync("Email status");
        await Expect(first.Locator(".condition-value")).ToContainTextAsync("Active");

        await page.Locator("#add-group").ClickAsync();
        await PickAsync(page, Row(page, 1).Locator(".condition-kind"), "Subscription category");
        await PickAsync(page, Row(page, 1).Locator(".condition-target"), CategoryName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition to group 2" }).ClickAsync();
        await PickAsync(page, Row(page, 2).Locator(".condition-kind"), "Source");
        await PickAsync(page, Row(page, 2).Locator(".condition-value"), "Import");
        var groupJoin = page.Locator(".join-conditions");
        await groupJoin.ClickAsync();
        await Expect(groupJoin).ToHaveTextAsync("OR");
        await page.Locator("#apply-conditions").ClickAsync();

        await Expect(page).ToHaveURLAsync(RuleInUrl());
        await Expect(names).ToHaveTextAsync(expected);
        await Expect(page.Locator("#conditions-toggle")).ToContainTextAsync("Conditions (3)");

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(names).ToHaveTextAsync(expected);
        await Expect(page.Locator(".condition-row")).ToHaveCountAsync(3);
        await AssertAccessibleInBothWidthsAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "condition-builder");

        var segmentName = $"Builder {Tag()}";
        await page.Locator("#save-as-segment").ClickAsync();
        var dialog = page.Locator("#save-segment-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await dialog.Locator("#segment-name").FillAsync(segmentName);
        await page.Locator("#segment-save").ClickAsync();

        await Expect(page).ToHaveURLAsync(SegmentInUrl());
        await Expect(page).Not.ToHaveURLAsync(RuleInUrl());
        await Expect(page.Locator("#segment-name")).ToHaveTextAsync($"Segment: {segmentName}");
        await Expect(names).ToHaveTextAsync(expected);
        await Expect(page.Locator("#segment-edited")).ToHaveCountAsync(0);
        var segmentId = SegmentInUrl().Match(page.Url).Groups[1].Value;

        // Editing the opened segment's conditions keeps it open, with the edited (unsaved) conditions beside it.
        await page.Locator(".join-groups").ClickAsync();
        await page.Locator("#apply-conditions").ClickAsync();
        await Expect(page).ToHaveURLAsync(RuleInUrl());
        await Expect(page).ToHaveURLAsync(new Regex($"segment={segmentId}(&|$)"));
        await Expect(page.Locator("#segment-edited")).ToHaveTextAsync("Edited, not saved");
        await Expect(page.Locator("#segment-name")).ToHaveTextAsync($"Segment: {segmentName}");
    }

    [Fact]
    public async Task A_viewer_opens_a_saved_segment_but_cannot_save_and_an_unknown_one_is_explained()
    {
        int segmentId;
        var segmentName = $"Viewer {Tag()}";
        var expected = await MatchingNamesAsync();
        await using (var db = Fixture.Database.NewContext())
        {
            var categoryId = await db.SubscriptionCategories.Where(c => c.Name == CategoryName).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
            var rule = Rule(categoryId);
            var segment = new Segment
            {
                Name = segmentName, Definition = SegmentRuleJson.Write(rule), CreatedBy = "test", UpdatedBy = "test",
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Segments.Add(segment);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            segmentId = segment.Id;
        }

        var page = await NewPageAsAsync(Roles.Viewer, $"contacts?segment={segmentId}");

        await Expect(page.Locator("#segment-name")).ToHaveTextAsync($"Segment: {segmentName}");
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveTextAsync(expected);
        await Expect(page.Locator(".condition-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("#save-as-segment")).ToHaveCountAsync(0);
        // The builder folds and unfolds from the keyboard.
        var toggle = page.Locator("#conditions-toggle");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.Locator(".condition-row")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".condition-row")).ToHaveCountAsync(3);

        await page.GotoAsync("contacts?segment=987654");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#segment-missing")).ToContainTextAsync("There is no segment 987654");
        await Expect(page.Locator("#contacts-empty")).ToHaveCountAsync(0);
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(25);
    }

    /// <summary>The rule the first test builds by hand.</summary>
    private static SegmentRule Rule(int categoryId) => new()
    {
        Groups =
        [
            new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = nameof(EmailStatus.Active) }] },
            new ConditionGroup
            {
                Join = RuleJoin.Or,
                Conditions =
                [
                    new SegmentCondition { Kind = ConditionKind.Category, Operator = ConditionOperator.Is, TargetId = categoryId },
                    new SegmentCondition { Kind = ConditionKind.Source, Operator = ConditionOperator.Is, Value = ChosenSource.ToString() },
                ],
            },
        ],
    };

    /// <summary>
    /// Active email status AND (subscribed to the category OR from the source), read from the store the way the rule
    /// says it, newest first as the grid opens: the names on its first page.
    /// </summary>
    private async Task<string[]> MatchingNamesAsync()
    {
        await using var db = Fixture.Database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var categoryId = await db.SubscriptionCategories.Where(c => c.Name == CategoryName).Select(c => c.Id).SingleAsync(ct);
        var subscribed = db.ContactSubscriptions.Where(s => s.CategoryId == categoryId && s.IsSubscribed).Select(s => s.ContactId);
        var rows = await db.Contacts
            .Where(c => c.EmailStatus == EmailStatus.Active && (subscribed.Contains(c.Id) || c.Source == ChosenSource))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.FirstName, c.LastName, c.Email, c.Id }).Take(ContactsAdmin.Features.Contacts.ContactQueries.PageSizes[0]).ToListAsync(ct);
        Assert.NotEmpty(rows);
        return [.. rows.Select(c => ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id))];
    }

    private static ILocator Row(IPage page, int index) => page.Locator(".condition-row").Nth(index);

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await Expect(select).ToContainTextAsync(option);
    }

    private static async Task AssertAccessibleInBothWidthsAsync(IPage page)
    {
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 1440, 900);
    }

    [GeneratedRegex(@"[?&]rule=[A-Za-z0-9_-]+")]
    private static partial Regex RuleInUrl();

    [GeneratedRegex(@"[?&]segment=(\d+)")]
    private static partial Regex SegmentInUrl();
}
