using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The segments page: a Marketer counts a saved segment, duplicates, renames and deletes it; a Viewer only reads and counts.</summary>
public class SegmentsPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly SegmentRule ActiveEmail = new()
    {
        Groups = [new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.EmailStatus, Value = nameof(EmailStatus.Active) }] }],
    };

    private async Task<int> SavedSegmentAsync(string name)
    {
        var outcome = await Fixture.App.Services.GetRequiredService<SegmentStore>().CreateAsync(name, ActiveEmail, TestUsers.Marketer(), Ct);
        return Assert.IsType<SegmentOutcome.Saved>(outcome).Id;
    }

    [Fact]
    public async Task A_marketer_counts_duplicates_renames_and_deletes_a_segment()
    {
        var name = $"Active {Tag()}";
        var id = await SavedSegmentAsync(name);
        await using var db = Fixture.Database.NewContext();
        var active = await db.Contacts.CountAsync(c => c.EmailStatus == EmailStatus.Active, Ct);
        var page = await NewPageAsAsync(Roles.Marketer);

        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/segments$"));
        var row = page.Locator("#segments tbody tr", new() { HasText = name });
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveAttributeAsync("href", $"/contacts?segment={id}");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Count now: {name}" }).ClickAsync();
        await Expect(row.Locator(".segment-count")).ToHaveTextAsync($"{active:N0} contacts");
        await Expect(row.Locator(".segment-counted-at")).ToHaveTextAsync("counted just now");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Duplicate {name}" }).ClickAsync();
        var copy = page.Locator("#segments tbody tr", new() { HasText = $"Copy of {name}" });
        await Expect(copy).ToBeVisibleAsync();

        // A name another segment has is refused under the field, and what was typed stays.
        await copy.GetByRole(AriaRole.Button, new() { Name = $"Rename Copy of {name}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Stillness.WaitAsync(page);
        await dialog.GetByLabel("Segment name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync($"A segment named {name} already exists.");
        await Expect(dialog.GetByLabel("Segment name")).ToHaveValueAsync(name);
        await WcagChecks.AssertAccessibleAsync(page);
        var renamed = $"Lapsed {Tag()}";
        await dialog.GetByLabel("Segment name").FillAsync(renamed);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        var renamedRow = page.Locator("#segments tbody tr", new() { HasText = renamed });
        await Expect(renamedRow).ToBeVisibleAsync();
        await Expect(copy).ToHaveCountAsync(0);

        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(renamedRow).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 1440, 900);

        await renamedRow.GetByRole(AriaRole.Button, new() { Name = $"Delete {renamed}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("no contact is");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(renamedRow).ToHaveCountAsync(0);
        await Expect(row).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_sees_and_counts_segments_but_changes_none()
    {
        var name = $"Viewers see {Tag()}";
        await SavedSegmentAsync(name);

        var page = await NewPageAsAsync(Roles.Viewer, "segments");

        var row = page.Locator("#segments tbody tr", new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Count now: {name}" }).ClickAsync();
        await Expect(row.Locator(".segment-counted-at")).ToHaveTextAsync("counted just now");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" })).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Rename {name}" })).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Duplicate {name}" })).ToHaveCountAsync(0);
    }
}
