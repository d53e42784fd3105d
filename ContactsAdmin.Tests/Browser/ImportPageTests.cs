using System.Text;
using System.Text.RegularExpressions;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// A person imports a list through the import page: a Windows-1251 file with a Cyrillic header, a column nobody knows, a
/// bad email and a duplicate row; the page says how it reads the file, suggests the mapping, marks the bad cell, counts
/// the file in a dry run, and starts the import on its job page.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ImportPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string FileName = "список.csv";

    /// <summary>
    /// The list an older tool exports: semicolons, Windows-1251, a header in Russian ("Ім'я" has a letter 1251 lacks), a
    /// column of favourite colours no field is for, a bad address on line 3 and line 2 again on line 4.
    /// </summary>
    private static byte[] Windows1251File(string tag)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = string.Join("\r\n",
            "Имя;Фамилия;E-mail;Любимый цвет",
            $"Иван;Петров;ivan.{tag}@example.com;синий",
            "Мария;Сидорова;not-an-email;красный",
            $"Иван;Петров;ivan.{tag}@example.com;синий",
            $"Ольга;Иванова;olga.{tag}@example.com;зелёный") + "\r\n";
        return Encoding.GetEncoding(1251).GetBytes(text);
    }

    private static ILocator Target(IPage page, string column) => page.Locator($".import-target-cell[data-column='{column}'] select");

    /// <summary>The file input that takes the next file (MudFileUpload hides the one a file was chosen with and adds a new one).</summary>
    private static ILocator FileInput(IPage page) => page.Locator(FileInputSelector);

    private const string FileInputSelector = "input[type=file]:not(.d-none)";

    private static async Task UploadAsync(IPage page, byte[] file)
    {
        await ChooseFileAsync(page, new FilePayload { Name = FileName, MimeType = "text/csv", Buffer = file });
        await Expect(page.Locator("#import-file")).ToContainTextAsync(FileName);
    }

    /// <summary>
    /// Chooses a file once the input listens: Blazor attaches its change listener in a call that follows the render that
    /// drew the input (after the browser acknowledged it), so on a loaded machine a file set in between went unnoticed.
    /// A person cannot pick a file that fast; the mark is the one Blazor's input-file script sets when it attaches.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, FilePayload file)
    {
        await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector)?._blazorInputFileNextFileId !== undefined", FileInputSelector);
        await FileInput(page).SetInputFilesAsync(file);
    }

    /// <summary>Axe at 1440 and 390 px, the page at rest; the window is put back.</summary>
    private static async Task AssertAccessibleInBothWindowsAsync(IPage page)
    {
        foreach (var (width, height) in new[] { (390, 844), (1440, 900) })
        {
            await BrowserWindow.ResizeAsync(page, width, height);
            await Stillness.WaitAsync(page);
            await WcagChecks.AssertAccessibleAsync(page);
        }
    }

    private static ILocator Select(IPage page, string label) =>
        page.Locator(".mud-select").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).First;

    /// <summary>Switches the theme and waits until the page is drawn in it: axe on a half-switched page reads mixed colours.</summary>
    private static async Task SwitchThemeAsync(IPage page)
    {
        var dark = await Stillness.IsDarkAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch theme" }).ClickAsync();
        await Stillness.WaitForThemeAsync(page, dark: !dark);
    }

    [Fact]
    public async Task A_Windows_1251_file_is_detected_mapped_previewed_counted_in_a_dry_run_and_started()
    {
        // An app of its own: the page starts with no past imports, and lists exactly the one this test runs.
        await using var app = await AppFactory.CreateAsync(new() { RealPort = true });
        app.StartServer();
        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        // From the grid's toolbar, beside Export.
        await page.Locator("#contacts-import").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/contacts/import$"));
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#import-past-empty")).ToBeVisibleAsync();
        await AssertAccessibleInBothWindowsAsync(page);

        var tag = Tag();
        await UploadAsync(page, Windows1251File(tag));

        await Expect(page.Locator("#import-detected")).ToContainTextAsync("Windows-1251");
        await Expect(page.Locator("#import-detected")).ToContainTextAsync("semicolon");
        await Expect(page.Locator("#import-detected")).ToContainTextAsync("with a header row");
        await Expect(Target(page, "Имя")).ToHaveValueAsync("FirstName");
        await Expect(Target(page, "Фамилия")).ToHaveValueAsync("LastName");
        await Expect(Target(page, "E-mail")).ToHaveValueAsync("Email");
        await Expect(Target(page, "Любимый цвет")).ToHaveValueAsync("skip");
        await Expect(page.Locator(".import-target-cell[data-column='Любимый цвет']")).ToContainTextAsync("Skipped: not imported");

        var bad = page.Locator("#import-preview .import-cell-bad[data-column='E-mail']");
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad).ToContainTextAsync("not-an-email");
        await Expect(bad).ToContainTextAsync(new Regex("Refused: .*email", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#import-preview tr[data-line='3']")).ToHaveClassAsync(new Regex("import-row-bad"));
        await Expect(page.Locator("#import-preview tbody tr")).ToHaveCountAsync(4);

        await Stillness.WaitAsync(page);
        await page.Locator("#import-mapping").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveInEachWindowAsync(page, "import-mapping");
        await AssertAccessibleInBothWindowsAsync(page);
        await SwitchThemeAsync(page);
        await AssertAccessibleInBothWindowsAsync(page);
        await SwitchThemeAsync(page);

        // A changed choice reads the file again; choosing the detected one again gives the same columns back.
        await Select(page, "Delimiter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Comma ( , )" }).ClickAsync();
        await Expect(page.Locator("#import-mapping-error")).ToContainTextAsync("External ID, Email or Phone");
        await Select(page, "Delimiter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Semicolon ( ; )" }).ClickAsync();
        await Expect(Target(page, "E-mail")).ToHaveValueAsync("Email");

        // The dry run counts the whole file in the background and writes nothing.
        await page.Locator("#import-dry-run").ClickAsync();
        var dryRun = page.Locator("#import-dry-run-progress");
        await Expect(dryRun.Locator(".job-state")).ToHaveTextAsync("Succeeded");
        await Expect(dryRun.Locator("#job-counters")).ToContainTextAsync("Created");
        await Expect(dryRun.Locator("#job-counters")).ToContainTextAsync("Failed");
        await AssertAccessibleInBothWindowsAsync(page);
        await SwitchThemeAsync(page);
        await AssertAccessibleInBothWindowsAsync(page);
        await SwitchThemeAsync(page);

        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "This file carries the contacts' consent to be subscribed again" })).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#import-source")).ToContainTextAsync($"Import: {FileName}");
        await page.Locator("#import-start").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/contacts/import/\d+$"));
        await Expect(page.Locator("#job-progress .job-state")).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("#import-result-text")).ToContainTextAsync("with errors");
        await Expect(page.Locator("#import-error-report")).ToBeVisibleAsync();
        await Expect(page.Locator("#import-to-contacts")).ToBeVisibleAsync();
        await AssertAccessibleInBothWindowsAsync(page);
        await SwitchThemeAsync(page);
        await AssertAccessibleInBothWindowsAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "import-job");
        await SwitchThemeAsync(page);

        // The import page lists it (not the dry run), linking to its job page; the same headers bring the same mapping back.
        await page.Locator("#import-job-back").ClickAsync();
        var past = page.Locator("#import-past tbody tr");
        await Expect(past).ToHaveCountAsync(1);
        await Expect(past).ToContainTextAsync(FileName);
        await Expect(past).ToContainTextAsync(AppFactory.AdminEmail);
        await Expect(past).ToContainTextAsync("Succeeded");
        await UploadAsync(page, Windows1251File(tag));
        await Expect(page.Locator("#import-mapping-source")).ToContainTextAsync("last import of a file with the same columns");
        await Expect(Target(page, "E-mail")).ToHaveValueAsync("Email");
    }

    [Fact]
    public async Task A_file_that_is_not_csv_is_refused_on_the_upload_and_the_page_keeps_what_it_had()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync(ImportRoutes.Page.TrimStart('/'));
        await WaitForInteractiveAsync(page);
        await UploadAsync(page, Windows1251File(Tag()));

        await ChooseFileAsync(page, new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47] });

        await Expect(page.Locator("#import-upload-error")).ToContainTextAsync("photo.png is not a .csv or .txt file");
        await Expect(page.Locator("#import-file")).ToContainTextAsync(FileName);
        await Expect(Target(page, "E-mail")).ToHaveValueAsync("Email");
    }

    [Fact]
    public async Task A_viewer_sees_no_import_link_and_is_refused_the_page_by_its_address()
    {
        var viewer = await Fixture.CreateUserAsync("Viewer");
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, viewer.Email, viewer.Password);
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#contacts-grid")).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts-import, #contacts-import-phone")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Import contacts" })).ToHaveCountAsync(0);
        await page.GotoAsync(ImportRoutes.Page.TrimStart('/'));

        await Expect(page).ToHaveURLAsync(new Regex("AccessDenied", RegexOptions.IgnoreCase));
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_unknown_job_or_one_that_is_not_an_import_has_no_import_page()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync(ImportRoutes.Job(987_654_321).TrimStart('/'));
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#import-job-missing")).ToContainTextAsync("There is no import number 987654321");
        await Expect(page.Locator("#job-progress")).ToHaveCountAsync(0);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_import_runs_to_the_end_its_bad_rows_download_and_the_new_contacts_are_in_the_grid()
    {
        var tag = Tag();
        var page = await NewAdminPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import contacts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/contacts/import$"));
        await WaitForInteractiveAsync(page);
        await UploadAsync(page, Windows1251File(tag));
        await Expect(page.Locator("#import-detected")).ToContainTextAsync("Windows-1251");
        await Expect(Target(page, "E-mail")).ToHaveValueAsync("Email");
        await Expect(Target(page, "Любимый цвет")).ToHaveValueAsync("skip");

        await page.Locator("#import-start").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/contacts/import/\d+$"));
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of {FileName}" });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#job-progress .job-state")).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("#import-result-text")).ToContainTextAsync("1 with errors");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#import-error-report").ClickAsync());
        var report = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken))
            .TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,column,value,reason", report[0]);
        var line = Assert.Single(report.Skip(1));
        Assert.StartsWith("3,E-mail,not-an-email,", line, StringComparison.Ordinal);

        await page.Locator("#import-to-contacts").ClickAsync();
        await WaitForInteractiveAsync(page);
        await page.GetByLabel("Search").FillAsync(tag);
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(2);
        await Expect(page.Locator("#contacts-grid")).ToContainTextAsync($"ivan.{tag}@example.com");
        await Expect(page.Locator("#contacts-grid")).ToContainTextAsync($"olga.{tag}@example.com");
    }
}
