using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// One state of the app a person can see: a page, or a page with a dialog or menu open. <see cref="Route"/> is the
/// page's <c>@page</c> template, so <see cref="AccessibilitySweepTests"/> can check every route is swept.
/// </summary>
/// <param name="Name">What the state is, as a test case's name.</param>
/// <param name="Route">The page's route template.</param>
/// <param name="Address">Where the browser goes (the route with its parameters filled in).</param>
/// <param name="Ready">Shown once the page has its data: axe runs on what a person sees, not on a loading bar.</param>
/// <param name="Owner">The helper slice that owns the page's markup, for the report when a check fails.</param>
public sealed record SweptPage(string Name, string Route, Func<BrowserAppFixture, Task<string>> Address, string Ready, string Owner)
{
    /// <summary>Seen signed out: the static sign-in pages (they render without a circuit, in the light theme).</summary>
    public bool Anonymous { get; init; }

    /// <summary>What opens the dialog or menu, once the page is ready.</summary>
    public Func<IPage, BrowserAppFixture, Task>? Open { get; init; }

    /// <summary>Also checked at a phone's width (the grid and the card are checked there by their own tests).</summary>
    public bool AtPhoneWidth { get; init; } = true;
}

/// <summary>Every page, and the dialogs on them, that <see cref="AccessibilitySweepTests"/> checks.</summary>
public static class SweptPages
{
    private const string Layout = "theme/layout/settings";
    private const string Grid = "grid";
    private const string Card = "card";
    private const string Jobs = "jobs";
    private const string ImportPage = "ipage";
    private const string Bulk = "bulk";
    private const string Merging = "merge";
    private const string SavedSegments = "saved";

    /// <summary>Routes not swept: "/" sends the browser on to /contacts.</summary>
    public static readonly IReadOnlySet<string> NotSwept = new HashSet<string>(StringComparer.Ordinal) { "/" };

    public static readonly IReadOnlyList<SweptPage> All =
    [
        new("sign-in", "/Account/Login", At("Account/Login"), "#sign-in", Layout) { Anonymous = true },
        new("locked-out", "/Account/Lockout", At("Account/Lockout"), "h1", Layout) { Anonymous = true },
        new("access-denied", "/Account/AccessDenied", At("Account/AccessDenied"), "h1", Layout) { Anonymous = true },
        new("not-found", "/not-found", At("not-found"), "h1", Layout),
        new("error", "/Error", At("Error"), "h1", Layout) { Anonymous = true },

        new("contacts-grid", "/contacts", At("contacts"), "#contacts-grid .contact-name", Grid) { AtPhoneWidth = false },
        new("contacts-conditions", "/contacts", WithEveryKindOfCondition, "#contacts-grid .contact-name, #contacts-empty", Grid),
        new("save-segment-dialog", "/contacts", WithEveryKindOfCondition, "#contacts-grid .contact-name, #contacts-empty", Grid)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#save-as-segment")),
        },
        new("contact-information", "/contacts/{Id:long}", CardOf(DemoContacts.RemovedFromBlacklistEmail, ""), "#email-events tbody tr", Card) { AtPhoneWidth = false },
        new("contact-activity", "/contacts/{Id:long}", CardOf(DemoContacts.KnownIdsEmail, "?tab=activity"), "#activity-grid tbody tr.activity-row", Card) { AtPhoneWidth = false },
        new("edit-contact-dialog", "/contacts/{Id:long}", CardOf(DemoContacts.ActiveEmail, ""), "#section-personal", Card)
        {
            AtPhoneWidth = false,
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator(".edit-contact").First),
        },

        new("blacklist", "/blacklist", At("blacklist"), "#blacklist-grid tbody tr", Layout),
        new("blacklist-add-dialog", "/blacklist", At("blacklist"), "#blacklist-grid tbody tr", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#blacklist-add")),
        },

        new("custom-fields", "/settings/fields", At("settings/fields"), "section.field-group", Layout),
        new("custom-field-dialog", "/settings/fields", At("settings/fields"), "section.field-group", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#field-add")),
        },
        new("categories", "/settings/categories", At("settings/categories"), "#categories tbody tr", Layout),
        new("category-dialog", "/settings/categories", At("settings/categories"), "#categories tbody tr", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#category-add")),
        },
        new("widgets", "/settings/widgets", At("settings/widgets"), "#widget-add", Layout),
        new("widget-dialog", "/settings/widgets", At("settings/widgets"), "#widget-add", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#widget-add")),
        },
        new("forms", "/settings/forms", At("settings/forms"), "#form-add", Layout),
        new("form-dialog", "/settings/forms", At("settings/forms"), "#form-add", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#form-add")),
        },
        new("users", "/settings/users", At("settings/users"), "#users tbody tr", Layout),
        new("user-dialog", "/settings/users", At("settings/users"), "#users tbody tr", Layout)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#user-add")),
        },
        new("confirm-dialog", "/settings/users", At("settings/users"), "#users tbody tr", Layout)
        {
            Open = async (page, fixture) =>
            {
                // A user of this test's own, so the dialog asks about no one another test relies on (it is cancelled anyway).
                var user = await fixture.CreateUserAsync("Viewer", "confirm");
                await page.ReloadAsync();
                await BrowserTest.WaitForInteractiveAsync(page);
                var row = page.Locator("#users tbody tr", new() { HasText = user.Email });
                await ClickAndWaitForDialogAsync(page, row.GetByRole(AriaRole.Button, new() { Name = "Disable" }));
            },
        },
        new("api-keys", "/settings/api-keys", At("settings/api-keys"), "#api-keys-total", Layout),
        new("api-key-create-form", "/settings/api-keys", At("settings/api-keys"), "#api-keys-total", Layout)
        {
            Open = async (page, _) =>
            {
                await page.Locator("#api-key-new").ClickAsync();
                await Expect(page.Locator("#api-key-form")).ToBeVisibleAsync();
            },
        },
        new("audit-log", "/settings/audit", At("settings/audit"), "#audit-total", Layout),
        new("jobs", "/jobs", WithJob(_ => "jobs"), "#jobs tbody tr", Jobs),
        new("job", "/jobs/{Id:long}", WithJob(id => $"jobs/{id}"), "#job-progress", Jobs),
        new("import", ImportRoutes.Page, WithJob(_ => "contacts/import", ImportJobParameters.JobKind), "#import-past tbody tr", ImportPage),
        new("import-job", "/contacts/import/{Id:long}", WithJob(id => ImportRoutes.Job(id).TrimStart('/'), ImportJobParameters.JobKind), "#import-result", ImportPage),
        new("bulk-job", "/contacts/bulk/{Id:long}", WithJob(id => $"contacts/bulk/{id}", BulkJobParameters.JobKind), "#bulk-result-text", Bulk),
        // Other tests scan in the shared app: the page shows pairs or says there are none.
        new("duplicates", "/contacts/duplicates", At("contacts/duplicates"), "#duplicates, #duplicates-empty", Merging),
        new("segments", "/segments", WithSegment, "#segments tbody tr", SavedSegments),
        new("segment-rename-dialog", "/segments", WithSegment, "#segments tbody tr", SavedSegments)
        {
            Open = (page, _) => ClickAndWaitForDialogAsync(page, page.Locator("#segments .segment-rename").First),
        },
        new("account", "/account", At("account"), "#account-sessions", Layout),
        new("account-menu", "/account", At("account"), "#account-sessions", Layout)
        {
            Open = async (page, _) =>
            {
                await page.Locator("#signed-in-user button").First.ClickAsync();
                await Expect(page.Locator("#account-link")).ToBeVisibleAsync();
            },
        },
    ];

    public static SweptPage Named(string name) => All.Single(p => p.Name == name);

    private static Func<BrowserAppFixture, Task<string>> At(string address) => _ => Task.FromResult(address);

    /// <summary>The grid with its condition builder open on a condition of each kind, so every input the builder draws is checked.</summary>
    private static async Task<string> WithEveryKindOfCondition(BrowserAppFixture fixture)
    {
        await using var db = fixture.Database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ArchivedAt == null).ToListAsync(ct);
        var hasCategories = await db.SubscriptionCategories.AnyAsync(ct);
        var conditions = ConditionChoices.All(fields, hasCategories)
            .Select(choice => ConditionChoices.Start(choice.Key, fields))
            .DistinctBy(c => (c.Kind, ConditionChoices.ShapeOf(c, fields)));
        var rule = new SegmentRule
        {
            Groups = [.. conditions.Chunk(SegmentLimits.MaxConditionsPerGroup)
                .Select(chunk => new ConditionGroup { Join = RuleJoin.Or, Conditions = chunk })],
        };
        return $"contacts?rule={SegmentRuleJson.ToUrlValue(rule)}";
    }

    private static Func<BrowserAppFixture, Task<string>> CardOf(string email, string query) => async fixture =>
    {
        await using var db = fixture.Database.NewContext();
        var id = await db.Contacts.Where(c => c.EmailNormalized == email).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        return $"contacts/{id}{query}";
    };

    /// <summary>
    /// A job as an app restart leaves it (interrupted part-way, with counts), so the page shows its warning and all its
    /// buttons; its kind has no handler in the shared app, and the sweep clicks nothing. An import's carries the
    /// parameters the import page stores, so the page lists it.
    /// </summary>
    private static Func<BrowserAppFixture, Task<string>> WithJob(Func<long, string> address, string kind = "sweep") => async fixture =>
    {
        await using var db = fixture.Database.NewContext();
        var queuedAt = DateTime.UtcNow.AddMinutes(-5);
        var job = new BackgroundJob
        {
            Kind = kind,
            Title = "newsletter-signups-2026.csv",
            StartedBy = AppFactory.AdminEmail,
            QueuedAt = queuedAt,
            StartedAt = queuedAt,
            State = JobState.Interrupted,
            Total = 12_000,
            Processed = 4_000,
            Position = 4_001,
            Counters = """{"created":2500,"updated":1200,"unchanged":280,"failed":20}""",
            Parameters = JsonSerializer.Serialize(new ImportJobParameters(Guid.NewGuid().ToString("N"), "newsletter-signups-2026.csv", 65001, ',', true,
                ["Email"], """{"Email":"Email"}""", new ImportOptions())),
        };
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return address(job.Id);
    };

    /// <summary>A saved segment of the sweep's own (the page lists it; the sweep renames nothing), so the list is never empty.</summary>
    private static async Task<string> WithSegment(BrowserAppFixture fixture)
    {
        await using var db = fixture.Database.NewContext();
        var now = DateTime.UtcNow;
        db.Segments.Add(new Segment
        {
            Name = $"Swept segment {Guid.NewGuid():N}", Definition = """{"groups":[{"conditions":[{"kind":"emailStatus","value":"Active"}]}]}""",
            CreatedBy = AppFactory.AdminEmail, CreatedAt = now, UpdatedBy = AppFactory.AdminEmail, UpdatedAt = now,
            MemberCount = 12, CountedAt = now.AddMinutes(-5),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return "segments";
    }

    private static async Task ClickAndWaitForDialogAsync(IPage page, ILocator opener)
    {
        await opener.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
    }
}
