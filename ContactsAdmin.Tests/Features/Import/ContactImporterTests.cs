using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>Imports of small files into a real store: what is written, counted and reported.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactImporterTests : StoreTest
{
    private const string FileName = "list.csv";

    private ContactImporter Importer => Services.GetRequiredService<ContactImporter>();

    /// <summary>Imports <paramref name="csv"/> (UTF-8) as the sniffer reads it, with the suggested mapping.</summary>
    private async Task<ImportResult> ImportAsync(string csv, ImportOptions? options = null, byte[]? bytes = null)
    {
        using var stream = new MemoryStream(bytes ?? Encoding.UTF8.GetBytes(csv));
        var sniff = await CsvSniffer.SniffAsync(stream, Ct);
        var lookups = await Importer.LookupsAsync(Ct);
        var mapping = MappingSuggestion.Suggest(sniff.Columns, ProfileFieldTable.Standard, lookups.Fields.Values, lookups.Categories.Values);
        return await Importer.RunAsync(stream, FileName, sniff.Format, mapping, options ?? new ImportOptions(), ct: Ct);
    }

    private async Task<List<Contact>> ContactsAsync()
    {
        await using var db = NewContext();
        return await db.Contacts.Include(c => c.Subscriptions).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_bad_email_is_reported_with_its_line_column_and_value_while_the_good_rows_are_imported()
    {
        var result = await ImportAsync("""
            Email,First Name,Phone
            olena@example.com,Olena,+380501234567
            not-an-address,Taras,
            andrii@example.com,Andrii,050 123 4568
            """);

        Assert.Equal(new ImportCounts(Created: 2, Updated: 0, Unchanged: 0, Skipped: 0, Errors: 1), result.Counts);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "Email", "not-an-address"), (error.Line, error.Column, error.Value));
        Assert.Contains("email", error.Reason, StringComparison.OrdinalIgnoreCase);
        var contacts = await ContactsAsync();
        Assert.Equal(["olena@example.com", "andrii@example.com"], contacts.Select(c => c.Email));
        Assert.All(contacts, c => Assert.Equal(ContactSource.Import, c.Source));
        Assert.Equal("+380501234568", contacts[1].Phone);   // through the phone rule, in the default region (UA)
        Assert.Equal("Import: list.csv", contacts[0].LastEditBy);
    }

    [Fact]
    public async Task Contacts_an_import_renames_are_found_by_their_new_names_only_and_the_search_index_is_tidied()
    {
        // Two earlier imports (two segments of the SQLite search index); the third renames a fifth of the contacts.
        await ImportAsync(Rows(0, 150, i => $"Olesya{i:D3}", i => $"olesya{i:D3}@old.example"));
        await ImportAsync(Rows(150, 300, i => $"Olesya{i:D3}", i => $"olesya{i:D3}@old.example"));

        var result = await ImportAsync(Rows(0, 300, i => i % 5 == 0 ? $"Marichka{i:D3}" : $"Olesya{i:D3}",
            i => i % 5 == 0 ? $"marichka{i:D3}@new.example" : $"olesya{i:D3}@old.example"));

        Assert.Equal(new ImportCounts(0, 60, 240, 0, 0), result.Counts);
        var queries = Services.GetRequiredService<ContactQueries>();
        async Task<int> FoundAsync(string search) =>
            (await queries.ListAsync(new ContactListQuery { Filter = ContactFilter.None with { Search = search } }, Ct)).TotalCount;
        Assert.Equal(1, await FoundAsync("Marichka295"));
        Assert.Equal(60, await FoundAsync("@new.example"));
        Assert.Equal(240, await FoundAsync("@old.example"));
        Assert.Equal(0, await FoundAsync("Olesya295"));
        Assert.Equal(1, await FoundAsync("Olesya296"));
        // FTS5 keeps a renamed contact's old entry as deleted until its segment is merged: the import merged them into one.
        if (!TestStore.IsPostgreSql) Assert.Equal(1, await SearchSegmentsAsync());

        static string Rows(int from, int to, Func<int, string> name, Func<int, string> email) =>
            "External ID,First Name,Email\n" + string.Concat(Enumerable.Range(from, to - from).Select(i => $"u-{i},{name(i)},{email(i)}\n"));
    }

    [Fact]
    public async Task An_import_that_updates_everyone_without_renaming_anyone_leaves_the_search_index_alone()
    {
        // Two earlier imports (two segments of the SQLite search index); the third gives every contact a city.
        await ImportAsync(Rows(0, 150, _ => ""));
        await ImportAsync(Rows(150, 300, _ => ""));
        var segments = await SearchSegmentsAsync();

        var result = await ImportAsync(Rows(0, 300, i => $"City {i % 7}"));

        Assert.Equal(new ImportCounts(0, 300, 0, 0, 0), result.Counts);
        var queries = Services.GetRequiredService<ContactQueries>();
        Assert.Equal(1, (await queries.ListAsync(new ContactListQuery { Filter = ContactFilter.None with { Search = "Oksana295" } }, Ct)).TotalCount);
        // No contact left an old entry behind, so nothing was merged: rewriting the index would have been all cost.
        Assert.Equal(segments, await SearchSegmentsAsync());

        static string Rows(int from, int to, Func<int, string> city) =>
            "External ID,First Name,City\n" + string.Concat(Enumerable.Range(from, to - from).Select(i => $"u-{i},Oksana{i:D3},{city(i)}\n"));
    }

    /// <summary>The SQLite search index's segments (FTS5 merges them when it tidies); PostgreSQL's index has none to count.</summary>
    private async Task<int?> SearchSegmentsAsync()
    {
        if (TestStore.IsPostgreSql) return null;
        await using var db = NewContext();
        return await db.Database.SqlQueryRaw<int>($"SELECT count(DISTINCT segid) AS Value FROM {ContactSearchSchema.Table}_idx").SingleAsync(Ct);
    }

    [Fact]
    public async Task A_line_number_counts_the_header_and_the_lines_inside_quoted_cells()
    {
        var result = await ImportAsync("Email,Street\na@example.com,\"Main St 1\nBuilding 2\"\nbad,x\n");

        Assert.Equal(4L, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public async Task Running_the_same_file_twice_changes_nothing_the_second_time()
    {
        await Store.CategoryAsync("News");
        const string csv = "External ID;Email;Vorname;News\nu-1;olena@example.com;Olena;yes\nu-2;taras@example.com;Taras;no\n";
        await ImportAsync(csv);
        int auditEntries;
        await using (var db = NewContext()) auditEntries = await db.AuditEntries.CountAsync(Ct);

        var again = await ImportAsync(csv);

        Assert.Equal(new ImportCounts(0, 0, 2, 0, 0), again.Counts);
        await using var check = NewContext();
        Assert.Equal(auditEntries, await check.AuditEntries.CountAsync(Ct));
        Assert.Equal(2, await check.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task A_row_that_changes_a_contact_counts_as_updated_and_its_audit_entries_name_the_import()
    {
        var olena = await Store.ContactAsync(c => (c.Email, c.FirstName) = ("olena@example.com", "Olena"));

        var result = await ImportAsync("Email,Last Name\nolena@example.com,Koval\nnew@example.com,Shevchenko\n");

        Assert.Equal(new ImportCounts(1, 1, 0, 0, 0), result.Counts);
        await using var db = NewContext();
        var audit = await db.AuditEntries.Where(a => a.ContactId == olena.Id).SingleAsync(Ct);
        Assert.Equal(("Last name", "Koval", "Import: list.csv", ChangeSource.Import), (audit.Field, audit.NewValue, audit.Actor, audit.Source));
        var created = await db.Contacts.SingleAsync(c => c.Email == "new@example.com", Ct);
        Assert.Contains(await db.AuditEntries.Where(a => a.ContactId == created.Id).ToListAsync(Ct), a => a.Actor == "Import: list.csv" && a.Field == "Contact");
    }

    [Fact]
    public async Task A_contact_the_import_creates_has_one_audit_entry_listing_its_values_and_subscriptions_and_an_update_one_per_field()
    {
        await Store.CategoryAsync("News");
        await ImportAsync("Email,First Name,News\nolena@example.com,Olena,yes\n");

        await ImportAsync("Email,First Name,Last Name\nolena@example.com,Olenka,Koval\n");

        await using var db = NewContext();
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Field, a.OldValue, a.NewValue }).ToListAsync(Ct);
        Assert.Equal([
            new { Field = "Contact", OldValue = (string?)null, NewValue = (string?)"Created (source Import): Email: olena@example.com; First name: Olena; Subscription: News: Subscribed" },
            new { Field = "First name", OldValue = (string?)"Olena", NewValue = (string?)"Olenka" },
            new { Field = "Last name", OldValue = (string?)null, NewValue = (string?)"Koval" },
        ], audit);
    }

    [Fact]
    public async Task Rows_naming_the_same_contact_twice_create_it_once()
    {
        var result = await ImportAsync("Email,First Name\nolena@example.com,Olena\nolena@example.com,Olena\nolena@example.com,Olenka\n");

        Assert.Equal(new ImportCounts(1, 1, 1, 0, 0), result.Counts);
        var olena = Assert.Single(await ContactsAsync());
        Assert.Equal("Olenka", olena.FirstName);
    }

    [Fact]
    public async Task Create_only_leaves_known_contacts_alone_and_update_only_creates_nobody()
    {
        await Store.ContactAsync(c => (c.Email, c.FirstName) = ("olena@example.com", "Olena"));
        const string csv = "Email,First Name\nolena@example.com,Olenka\ntaras@example.com,Taras\n";

        var updateOnly = await ImportAsync(csv, new ImportOptions(Mode: ImportMode.UpdateOnly));
        Assert.Equal(new ImportCounts(0, 1, 0, 1, 0), updateOnly.Counts);
        Assert.Equal(["Olenka"], (await ContactsAsync()).Select(c => c.FirstName));

        var createOnly = await ImportAsync("Email,First Name\nolena@example.com,Olena\ntaras@example.com,Taras\n", new ImportOptions(Mode: ImportMode.CreateOnly));
        Assert.Equal(new ImportCounts(1, 0, 0, 1, 0), createOnly.Counts);
        Assert.Equal(["Olenka", "Taras"], (await ContactsAsync()).Select(c => c.FirstName));
    }

    [Fact]
    public async Task Empty_cells_leave_stored_values_unless_the_import_clears_them()
    {
        await Store.ContactAsync(c => (c.Email, c.FirstName, c.City) = ("olena@example.com", "Olena", "Kyiv"));
        const string csv = "Email,First Name,City\nolena@example.com,,Lviv\n";

        await ImportAsync(csv);
        Assert.Equal(("Olena", "Lviv"), (await ContactsAsync()).Select(c => (c.FirstName, c.City)).Single());

        await ImportAsync(csv, new ImportOptions(EmptyCells: EmptyCells.Clear));
        Assert.Equal((null, "Lviv"), (await ContactsAsync()).Select(c => (c.FirstName, c.City)).Single());
    }

    [Fact]
    public async Task An_unsubscribed_address_stays_unsubscribed_unless_the_file_carries_consent()
    {
        var news = await Store.CategoryAsync("News");
        var olena = await Store.ContactAsync(c => (c.Email, c.EmailStatus) = ("olena@example.com", EmailStatus.Unsubscribed));
        await LogAsync("olena@example.com", EmailEventKind.Unsubscribed);
        var taras = await Store.ContactAsync(c => c.Email = "taras@example.com");
        await Store.SubscribeAsync(taras, news, subscribed: false);
        const string csv = "Email,News\nolena@example.com,yes\ntaras@example.com,yes\n";

        var without = await ImportAsync(csv);

        Assert.Equal(new ImportCounts(0, 0, 2, 0, 0), without.Counts);
        var contacts = await ContactsAsync();
        Assert.Equal(EmailStatus.Unsubscribed, contacts[0].EmailStatus);
        Assert.Empty(contacts[0].Subscriptions);
        Assert.False(contacts[1].Subscriptions.Single().IsSubscribed);

        var with = await ImportAsync(csv, new ImportOptions(FileCarriesConsent: true));

        Assert.Equal(new ImportCounts(0, 2, 0, 0, 0), with.Counts);
        contacts = await ContactsAsync();
        Assert.Equal(EmailStatus.Active, contacts[0].EmailStatus);
        Assert.All(contacts, c => Assert.True(c.Subscriptions.Single().IsSubscribed));
        await using var db = NewContext();
        Assert.Contains(await db.EmailEvents.Where(e => e.Address == "olena@example.com").ToListAsync(Ct),
            e => e.Kind == EmailEventKind.Resubscribed && e.Actor == "Import: list.csv");
        Assert.Equal(olena.Id, contacts[0].Id);
    }

    [Fact]
    public async Task A_blacklisted_address_stays_blacklisted_and_unsubscribed_even_with_consent()
    {
        await Store.CategoryAsync("News");
        await Store.ContactAsync(c => (c.Email, c.EmailStatus) = ("spam@example.com", EmailStatus.Blacklisted));
        await LogAsync("spam@example.com", EmailEventKind.BlacklistAdded);

        var result = await ImportAsync("Email,First Name,News\nspam@example.com,Olena,yes\n", new ImportOptions(FileCarriesConsent: true));

        Assert.Equal(new ImportCounts(0, 1, 0, 0, 0), result.Counts);
        var contact = Assert.Single(await ContactsAsync());
        Assert.Equal(("Olena", EmailStatus.Blacklisted), (contact.FirstName, contact.EmailStatus));
        Assert.Empty(contact.Subscriptions);
    }

    [Fact]
    public async Task A_new_contact_is_subscribed_from_a_yes_column()
    {
        await Store.CategoryAsync("News");

        await ImportAsync("Email,Newsletter,news\nolena@example.com,,Так\n");

        var contact = Assert.Single(await ContactsAsync());
        Assert.True(Assert.Single(contact.Subscriptions).IsSubscribed);
        Assert.Equal(ContactSource.Import, contact.Subscriptions[0].Source);
    }

    [Fact]
    public async Task A_dry_run_counts_the_whole_file_and_writes_nothing()
    {
        await Store.ContactAsync(c => c.Email = "olena@example.com");

        var result = await ImportAsync("Email,First Name\nolena@example.com,Olena\ntaras@example.com,Taras\nbad,Bad\n", new ImportOptions(DryRun: true));

        Assert.Equal(new ImportCounts(1, 1, 0, 0, 1), result.Counts);
        var contact = Assert.Single(await ContactsAsync());
        Assert.Null(contact.FirstName);
        await using var db = NewContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task An_import_resumed_after_a_line_skips_the_rows_before_it()
    {
        var result = await Importer.RunAsync(new MemoryStream("Email\na@example.com\nb@example.com\nc@example.com\n"u8.ToArray()), FileName,
            new CsvFormat(new UTF8Encoding(false), ',', true), new ImportMapping([new ColumnTarget.Profile(ProfileFields.Email)]),
            new ImportOptions(), resumeAfterLine: 3, ct: Ct);

        Assert.Equal((1L, 4L), (result.Counts.Created, result.LastLine));
        Assert.Equal(["c@example.com"], (await ContactsAsync()).Select(c => c.Email));
    }

    [Fact]
    public async Task A_windows_1251_file_imports_its_cyrillic_names()
    {
        var bytes = CsvSniffer.Windows1251.GetBytes("Прізвище;Ім'я;Телефон\nКоваль;Олена;+380501234567\n");

        await ImportAsync("", bytes: bytes);

        var contact = Assert.Single(await ContactsAsync());
        Assert.Equal(("Олена", "Коваль", "+380501234567"), (contact.FirstName, contact.LastName, contact.Phone));
    }

    [Fact]
    public async Task The_bad_row_report_is_a_csv_of_line_column_value_and_reason()
    {
        var result = await ImportAsync("Email,Phone\nbad,+380501234567\nok@example.com,=1+2\n");
        using var output = new MemoryStream();

        await ImportErrorReport.WriteAsync(output, result.Errors, Ct);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,column,value,reason", lines[0]);
        Assert.StartsWith("2,Email,bad,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,Phone,'=1+2,", lines[2], StringComparison.Ordinal);   // a formula is neutralised
    }

    private async Task LogAsync(string address, EmailEventKind kind)
    {
        await using var db = NewContext();
        db.EmailEvents.Add(new EmailEvent
        {
            Address = address, Kind = kind, OccurredAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), Actor = "test",
            BlacklistReason = kind == EmailEventKind.BlacklistAdded ? BlacklistReason.Manual : null,
            BlacklistScope = kind == EmailEventKind.BlacklistAdded ? BlacklistScope.Local : null,
        });
        await db.SaveChangesAsync(Ct);
    }
}
