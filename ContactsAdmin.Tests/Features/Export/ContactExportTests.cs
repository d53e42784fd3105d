using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using ContactsAdmin.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Export;

/// <summary>The app on a test server; each test marks its own contacts with a word of its own and exports by searching for it.</summary>
public sealed class ExportAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;
    public StoreBuilder Store { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync();
        App.StartServer();
        Store = new StoreBuilder(App.Database);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>The CSV downloads over real HTTP: what they hold, who may take them, and that each one is audited.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactExportTests(ExportAppFixture fixture) : IClassFixture<ExportAppFixture>
{
    private AppFactory App => fixture.App;
    private StoreBuilder Store => fixture.Store;

    private static string NewWord() => "qx" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Phones are identifiers (one contact each): every test takes its own.</summary>
    private static string NewPhone() => "+38050" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<BrowserlessSession> SignedInAsync(string? role = null)
    {
        var session = new BrowserlessSession(App);
        if (role is null) await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        else
        {
            var (email, password) = await BrowserlessSession.CreateUserAsync(App, role);
            await session.SignInAsync(email, password);
        }
        return session;
    }

    private static async Task<byte[]> DownloadAsync(BrowserlessSession session, string uri)
    {
        using var response = await session.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return await response.Content.ReadAsByteArrayAsync(TestRun.Ct);
    }

    /// <summary>The ids the grid shows for a view, page after page, in its order.</summary>
    private async Task<List<long>> GridIdsAsync(ContactGridView view)
    {
        var queries = App.Services.GetRequiredService<ContactQueries>();
        var ids = new List<long>();
        for (var page = 0; ; page++)
        {
            var result = await queries.ListAsync(view.ToQuery(TimeZoneInfo.Utc) with { Page = page, PageSize = 25 }, TestRun.Ct);
            ids.AddRange(result.Rows.Select(r => r.Id));
            if (!result.HasNextPage) return ids;
        }
    }

    private async Task<ContactGridView> SomeContactsAsync(string word)
    {
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Olena", "Baker" + word, $"olena.{word}@example.com"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Adam", "Adams" + word, $"adam.{word}@example.com"));
        await Store.ContactAsync(c => (c.Email, c.Phone) = ($"{word}@example.com", NewPhone()));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Zoe", "Cole" + word, $"zoe.{word}@example.com"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.EmailStatus) = ("Una", "Dunn" + word, $"una.{word}@example.com", EmailStatus.Unsubscribed));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Other", "Person", $"other.{Guid.NewGuid():N}@example.com"));
        return ContactGridView.FromUri($"/contacts?q={word}&status=active&sort=name");
    }

    [Fact]
    public async Task A_filtered_export_holds_the_rows_the_grid_shows_for_its_url_in_its_sort_with_a_bom_and_the_field_labels()
    {
        var word = NewWord();
        var view = await SomeContactsAsync(word);
        using var session = await SignedInAsync();

        var bytes = await DownloadAsync(session, view.ToExportUri("visible", TimeZoneInfo.Utc));

        Assert.True(CsvText.StartsWithBom(bytes));
        var records = CsvText.Records(bytes);
        Assert.Equal(
            ["Contact ID", ProfileFields.FirstName.Label, ProfileFields.LastName.Label, ProfileFields.Email.Label, ProfileFields.Phone.Label,
             "Email status", "Source", "Created (UTC)", "Last edit (UTC)", ProfileFields.Country.Label, ProfileFields.Language.Label],
            records[0]);
        var gridIds = await GridIdsAsync(view);
        Assert.Equal(4, gridIds.Count);
        Assert.Equal(gridIds, CsvText.Column(records, "Contact ID").Select(long.Parse));
        // Name A to Z, the contact without a name last, as the grid shows them.
        Assert.Equal(["Adams" + word, "Baker" + word, "Cole" + word, ""], CsvText.Column(records, ProfileFields.LastName.Label));
        Assert.Equal(["Active", "Active", "Active", "Active"], CsvText.Column(records, "Email status"));
    }

    [Fact]
    public async Task All_columns_hold_every_profile_field_the_custom_fields_and_the_subscriptions()
    {
        var word = NewWord();
        var tier = await Store.FieldAsync("tier_" + word, CustomFieldType.Text);
        var score = await Store.FieldAsync("score_" + word, CustomFieldType.Number);
        var news = await Store.CategoryAsync("News " + word);
        var offers = await Store.CategoryAsync("Offers " + word);
        var contact = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.City) = ("Ivan", "Franko" + word, $"ivan.{word}@example.com", "Lviv"));
        await Store.ValueAsync(contact, tier, "gold");
        await Store.ValueAsync(contact, score, "-12.5");
        await Store.SubscribeAsync(contact, news);
        using var session = await SignedInAsync();

        var records = CsvText.Records(await DownloadAsync(session, ContactGridView.FromUri($"/contacts?q={word}").ToExportUri("all", TimeZoneInfo.Utc)));

        foreach (var field in ProfileFields.All) Assert.Contains(field.Label, records[0]);
        Assert.Equal(["Lviv"], CsvText.Column(records, ProfileFields.City.Label));
        Assert.Equal(["gold"], CsvText.Column(records, tier.Label));
        // A number is the export's own text, not a formula: it keeps its minus.
        Assert.Equal(["-12.5"], CsvText.Column(records, score.Label));
        Assert.Equal(["yes"], CsvText.Column(records, news.Name));
        Assert.Equal(["no"], CsvText.Column(records, offers.Name));
    }

    [Fact]
    public async Task Over_several_chunks_each_row_carries_its_own_contacts_custom_fields_and_subscriptions_in_the_grids_order()
    {
        // More contacts than one look-up chunk, each with values of its own, so a row paired with another chunk's or
        // another contact's values (the reader, the look-ups and the writer run at once) shows as a wrong cell.
        var word = NewWord();
        var tier = await Store.FieldAsync("tier_" + word, CustomFieldType.Text);
        var score = await Store.FieldAsync("score_" + word, CustomFieldType.Number);
        var news = await Store.CategoryAsync("News " + word);
        var count = ContactExportRows.ChunkSize + 250;
        var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = App.Database.NewContext())
        {
            for (var i = 0; i < count; i++)
            {
                var contact = new Contact
                {
                    FirstName = "N" + i, LastName = "Chunk" + word, CreatedAt = created.AddMinutes(i), LastEditAt = created,
                    Source = ContactSource.Api, EmailStatus = EmailStatus.NoEmail,
                };
                // Every third contact has no tier, every fifth no score: empty cells must stay with their own row too.
                if (i % 3 != 0) contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = tier.Id, TextValue = "tier " + i });
                if (i % 5 != 0) contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = score.Id, NumberValue = i * 1.5 });
                // Even contacts subscribed; some odd ones unsubscribed (a row that must still export as "no").
                if (i % 2 == 0 || i % 7 == 0)
                    contact.Subscriptions.Add(new ContactSubscription { CategoryId = news.Id, IsSubscribed = i % 2 == 0, Since = created, Source = ContactSource.Manual });
                db.Contacts.Add(contact);
            }
            await db.SaveChangesAsync(TestRun.Ct);
        }
        var view = ContactGridView.FromUri($"/contacts?q={word}");
        using var session = await SignedInAsync();

        var records = CsvText.Records(await DownloadAsync(session, view.ToExportUri("all", TimeZoneInfo.Utc)));

        Assert.Equal(count + 1, records.Count);
        Assert.Equal(await GridIdsAsync(view), CsvText.Column(records, "Contact ID").Select(long.Parse));
        var names = CsvText.Column(records, ProfileFields.FirstName.Label).ToList();
        var tiers = CsvText.Column(records, tier.Label).ToList();
        var scores = CsvText.Column(records, score.Label).ToList();
        var subscribed = CsvText.Column(records, news.Name).ToList();
        for (var row = 0; row < count; row++)
        {
            var i = int.Parse(names[row][1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(i % 3 != 0 ? "tier " + i : "", tiers[row]);
            Assert.Equal(i % 5 != 0 ? (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture) : "", scores[row]);
            Assert.Equal(i % 2 == 0 ? "yes" : "no", subscribed[row]);
        }
        // Newest first, the grid's default order.
        Assert.Equal("N" + (count - 1), names[0]);
        Assert.Equal("N0", names[^1]);
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        var word = NewWord();
        var phone = NewPhone();
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Phone, c.City) = ("=HYPERLINK(\"http://evil\")", "Safe" + word, phone, "@SUM(A1)"));
        using var session = await SignedInAsync();

        var records = CsvText.Records(await DownloadAsync(session, ContactGridView.FromUri($"/contacts?q={word}").ToExportUri("all", TimeZoneInfo.Utc)));

        Assert.Equal(["'=HYPERLINK(\"http://evil\")"], CsvText.Column(records, ProfileFields.FirstName.Label));
        Assert.Equal(["'" + phone], CsvText.Column(records, ProfileFields.Phone.Label));
        Assert.Equal(["'@SUM(A1)"], CsvText.Column(records, ProfileFields.City.Label));
        Assert.Equal(["Safe" + word], CsvText.Column(records, ProfileFields.LastName.Label));
    }

    [Fact]
    public async Task Every_export_is_in_the_audit_log_with_who_the_filter_and_the_row_count()
    {
        var word = NewWord();
        var view = await SomeContactsAsync(word);
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Marketer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);

        await DownloadAsync(session, view.ToExportUri("visible", TimeZoneInfo.Utc));

        await using var db = App.Database.NewContext();
        var entry = await db.SettingsChanges.SingleAsync(c => c.Area == SettingsArea.Export && c.Actor == email, TestRun.Ct);
        Assert.Equal(ContactCsvExport.ListName, entry.Subject);
        Assert.Equal(ExportAudit.Exported, entry.Action);
        Assert.Contains($"q={word}&status=active&sort=name", entry.After);
        Assert.Contains("\"Rows\":4", entry.After);
    }

    [Fact]
    public async Task A_viewer_gets_no_export_as_the_role_matrix_gives_export_to_marketers()
    {
        var word = NewWord();
        var view = await SomeContactsAsync(word);
        using var viewer = await SignedInAsync(Roles.Viewer);
        using var marketer = await SignedInAsync(Roles.Marketer);

        using var refused = await viewer.GetAsync(view.ToExportUri("all", TimeZoneInfo.Utc));
        using var blacklistRefused = await viewer.GetAsync(new BlacklistFilter().ToExportUri());
        using var allowed = await marketer.GetAsync(view.ToExportUri("all", TimeZoneInfo.Utc));

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual("text/csv", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, blacklistRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_unknown_columns_value_is_a_problem_naming_the_parameter()
    {
        using var session = await SignedInAsync();

        using var response = await session.GetAsync("/contacts/export?columns=some");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("columns", await response.Content.ReadAsStringAsync(TestRun.Ct));
    }

    [Fact]
    public async Task The_blacklist_export_holds_the_entries_of_its_filter_with_scope_reason_date_and_contact()
    {
        var word = NewWord();
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Bohdan", "Blocked", $"blocked.{word}@example.com"));
        await using (var db = App.Database.NewContext())
        {
            db.BlacklistEntries.AddRange(
                new BlacklistEntry { Address = $"blocked.{word}@example.com", Reason = BlacklistReason.Manual, Scope = BlacklistScope.Local, AddedAt = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), AddedBy = "admin@example.com" },
                new BlacklistEntry { Address = $"trap.{word}@example.com", Reason = BlacklistReason.SpamTrap, Scope = BlacklistScope.System, AddedAt = new DateTime(2026, 2, 2, 10, 0, 0, DateTimeKind.Utc) },
                new BlacklistEntry { Address = $"gone.{word}@example.com", Reason = BlacklistReason.Manual, Scope = BlacklistScope.Local, AddedAt = new DateTime(2026, 2, 3, 10, 0, 0, DateTimeKind.Utc), RemovedAt = new DateTime(2026, 2, 4, 10, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync(TestRun.Ct);
        }
        using var session = await SignedInAsync();

        var bytes = await DownloadAsync(session, new BlacklistFilter(Search: word).ToExportUri());

        Assert.True(CsvText.StartsWithBom(bytes));
        var records = CsvText.Records(bytes);
        // Newest first, as the page lists them; the removed entry is not in the page's filter.
        Assert.Equal([$"trap.{word}@example.com", $"blocked.{word}@example.com"], CsvText.Column(records, "Address"));
        Assert.Equal(["System (automatic)", "Local (added by an Admin)"], CsvText.Column(records, "Scope"));
        Assert.Equal(["Spam trap", "Manual"], CsvText.Column(records, "Reason"));
        Assert.Equal(["2026-02-02 10:00:00", "2026-02-01 10:00:00"], CsvText.Column(records, "Added (UTC)"));
        Assert.Equal(["", "Bohdan Blocked"], CsvText.Column(records, "Contact"));
        await using var check = App.Database.NewContext();
        Assert.True(await check.SettingsChanges.AnyAsync(c => c.Area == SettingsArea.Export && c.Subject == BlacklistCsvExport.ListName && c.After!.Contains(word), TestRun.Ct));
    }

    [Fact]
    public async Task The_export_command_writes_the_same_csv_as_the_download()
    {
        var word = NewWord();
        var view = await SomeContactsAsync(word);
        using var session = await SignedInAsync();
        var downloaded = await DownloadAsync(session, view.ToExportUri("all", TimeZoneInfo.Utc));
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "out.csv");
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(App.Database.StoreSettings)
            .Build();

        var exitCode = await ContactsCommandLine.RunAsync(
            ["export", "--q", word, "--status", "active", "--sort", "name", "--columns", "all", "--output", file], output, configuration);

        Assert.Equal(0, exitCode);
        Assert.Contains("Exported 4 contacts", output.ToString());
        Assert.Equal(downloaded, await File.ReadAllBytesAsync(file, TestRun.Ct));
    }

    [Fact]
    public async Task The_export_blacklist_command_writes_the_same_csv_as_the_blacklist_download()
    {
        var word = NewWord();
        await using (var db = App.Database.NewContext())
        {
            db.BlacklistEntries.AddRange(
                new BlacklistEntry { Address = $"listed.{word}@example.com", Reason = BlacklistReason.Manual, Scope = BlacklistScope.Local, AddedAt = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), AddedBy = "admin@example.com" },
                new BlacklistEntry { Address = $"trap.{word}@example.com", Reason = BlacklistReason.SpamTrap, Scope = BlacklistScope.System, AddedAt = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync(TestRun.Ct);
        }
        var filter = new BlacklistFilter(Search: word, Scope: BlacklistScope.Local);
        using var session = await SignedInAsync();
        var downloaded = await DownloadAsync(session, filter.ToExportUri());
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "blacklist.csv");
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(App.Database.StoreSettings)
            .Build();

        var exitCode = await ContactsCommandLine.RunAsync(["export", "blacklist", "--q", word, "--scope", "local", "--output", file], output, configuration);

        Assert.Equal(0, exitCode);
        Assert.Contains("Exported 1 blacklist entry ", output.ToString());
        var written = await File.ReadAllBytesAsync(file, TestRun.Ct);
        Assert.Equal(downloaded, written);
        Assert.Equal([$"listed.{word}@example.com"], CsvText.Column(CsvText.Records(written), "Address"));
    }
}
