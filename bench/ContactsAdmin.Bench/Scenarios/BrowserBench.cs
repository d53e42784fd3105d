using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using Microsoft.Playwright;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// What a person perceives in a real browser: the real app (a separate process on the benchmark database) driven by
/// Debian's Chromium through Playwright. Opening the grid, searching, opening a card, going to a deep page by URL and
/// opening the grid under three filters by URL.
/// <para>
/// Times are taken inside the page, so the Playwright driver's own latency is not in them: a MutationObserver
/// checks after every DOM change whether the expected rows (or card) are on screen, and the time is read in the
/// next animation frame, i.e. the frame that paints them (for a new document the first contentful paint is reported
/// beside it). The start is the navigation start (a URL opened), the
/// last keystroke's input event (search) or the click event (card). The expected rows come from the app's own
/// <see cref="ContactQueries"/> on the same database, so "shown" means the right rows, not merely some rows.
/// </para>
/// </summary>
public static class BrowserBench
{
    private const string Group = "browser";
    private const string Target = "no visible wait";

    /// <summary>Debian's Chromium (Playwright's own download needs the internet); CHROMIUM_PATH overrides it, as in the tests.</summary>
    private static readonly string ChromiumPath =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The browser tests' flags (ContactsAdmin.Tests/Browser/Chromium.cs): without the networking ones Chromium keeps trying to reach the internet.</summary>
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>The grid's search field debounces typing; the row's label quotes the app's own setting.</summary>
    private const int SearchDebounceMs = ContactFiltersBar.SearchDebounceMilliseconds;

    private static readonly string[] CardSections =
        ["#section-identifiers", "#section-personal", "#section-subscriptions", "#section-additional", "#section-email-status", "#section-history"];

    public static async Task RunAsync(BenchContext context)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"  browser: skipped (Chromium not installed at {ChromiumPath})");
            return;
        }

        var runs = context.Options.Quick ? Math.Min(context.Options.Runs, 3) : context.Options.Runs;
        var warmups = context.Options.Quick ? 1 : 2;
        Console.WriteLine($"  browser: starting the app and Chromium; {runs} measured runs per step after {warmups} warm-up(s); load average {LoadAverage()}");

        var expected = await ExpectedViewsAsync(context);

        await using var app = await AppProcess.StartAsync(context.DatabasePath);
        // The app must not outlive the benchmark, even when it is interrupted (Ctrl+C) rather than failing.
        using var killOnExit = new KillOnExit(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = LaunchArgs });
        await using var browserContext = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
        });
        browserContext.SetDefaultTimeout(60_000);   // a million rows on a loaded 2-core machine: generous, never a fixed sleep
        await browserContext.AddInitScriptAsync(Instrumentation);
        var page = await browserContext.NewPageAsync();
        await SignInAsync(page);

        var steps = new Steps(page, expected);
        var samples = new Dictionary<string, Samples>();

        async Task MeasureAsync(string scenario, Func<Task<Timing>> step)
        {
            for (var i = 0; i < warmups; i++) await step();
            var measured = new Samples([], [], []);
            for (var i = 0; i < runs; i++) measured.Add(await step());
            samples[scenario] = measured;
        }

        // One pass over every step first, so the app's first circuits (JIT, caches) do not land on whichever step runs first.
        foreach (var step in steps.All) await step();

        var deepLabel = $"page {expected.DeepPage:N0} by its URL";
        await MeasureAsync("open", steps.OpenGridAsync);
        await MeasureAsync("reload", steps.ReloadGridAtOnceAsync);
        await MeasureAsync("email", () => steps.SearchAsync(expected.EmailTerm, expected.ByEmail));
        await MeasureAsync("phone", () => steps.SearchAsync(expected.PhoneTerm, expected.ByPhone));
        await MeasureAsync("name", () => steps.SearchAsync(expected.NameTerm, expected.ByName));
        await MeasureAsync("card", steps.OpenCardAsync);
        await MeasureAsync("card-url", steps.OpenCardByUrlAsync);
        await MeasureAsync("menu", steps.OpenGridFromMenuAsync);
        await MeasureAsync("deep", steps.OpenDeepPageAsync);
        await MeasureAsync("filtered", steps.OpenFilteredAsync);

        // Keystroke to rows over fragments drawn at random (the query group's first ones): one search each, after a warm-up search.
        var fragments = await FragmentExpectationsAsync(context, context.Options.Quick ? 9 : 21);
        await steps.SearchAsync(fragments[0].Text, fragments[0].Shows);
        var byFragment = new Samples([], [], []);
        foreach (var (text, shows) in fragments) byFragment.Add(await steps.SearchAsync(text, shows));

        var total = $"{expected.Grid.Total:N0}";
        Add(context, samples["reload"], $"the grid again at once, while the last page's circuit still starts: until 25 rows and the total ({total}) show",
            "full page load on a busy app: the previous page's circuit and its first render compete for the two cores");
        Add(context, samples["open"], $"open the grid: /contacts until 25 rows and the total ({total}) show",
            "full page load: new circuit, first page + count");
        Add(context, samples["email"], $"search part of an email \"{expected.EmailTerm}\" ({expected.ByEmail.Total:N0} found)", DebounceNote);
        Add(context, samples["phone"], $"search a phone fragment \"{expected.PhoneTerm}\" ({expected.ByPhone.Total:N0} found)", DebounceNote);
        Add(context, samples["name"], $"search a name \"{expected.NameTerm}\" ({expected.ByName.Total:N0} found)", DebounceNote);
        Add(context, samples["card"], "open a card: click a row until Contact Information shows",
            "in-app navigation; all six sections");
        Add(context, samples["card-url"], "a card by its URL until Contact Information shows",
            "full page load: new circuit, all six sections");
        Add(context, samples["menu"], "back to the grid: click Contacts in the menu on a card until the rows show", "in-app navigation");
        Add(context, samples["deep"], $"{deepLabel} until its rows show", "full page load: new circuit, deep page + count");
        Add(context, samples["filtered"], $"status Active + 'events' + VIP by its URL until the rows and the total ({expected.ByFilters.TotalText}) show",
            "full page load: new circuit, filtered page + total");
        Add(context, byFragment, $"search {fragments.Count} random fragments, one each (keystroke to rows)", DebounceNote, "p95 < 250 ms");

        var shots = Directory.CreateTempSubdirectory("contacts-bench-browser-").FullName;
        await steps.ScreenshotsAsync(shots);
        Console.WriteLine($"  browser: screenshots of each step's measured state in {shots}: " +
            string.Join(", ", Directory.GetFiles(shots, "*.png").Order().Select(Path.GetFileName)));
        Console.WriteLine($"  browser: done; load average {LoadAverage()}");
    }

    private static string DebounceNote => $"from the last keystroke, including the search box's {SearchDebounceMs} ms debounce";

    private static void Add(BenchContext context, Samples s, string scenario, string note, string target = Target)
    {
        var wall = Stats.Of(s.Wall);
        var details = string.Concat(s.Parts.Select(p => $"; {p.Key} {Stats.Of(p.Value).Median:N0} ms median"));
        context.Add(new BenchResult(Group, scenario, Unit.Milliseconds, Stats.Of(s.Perceived), null, target,
            $"{note}{details}; timed in the page, Playwright wall clock {wall.Median:N0} ms median"));
    }

    /// <summary>The first <paramref name="count"/> of the query group's random fragments, each with what the grid should show for it.</summary>
    private static async Task<List<(string Text, GridExpectation Shows)>> FragmentExpectationsAsync(BenchContext context, int count)
    {
        IReadOnlyList<Fragment> fragments;
        using (var raw = context.OpenRaw()) fragments = RandomFragments.Draw(raw, count);
        var queries = context.Create<ContactQueries>();
        var expected = new List<(string, GridExpectation)>();
        foreach (var fragment in fragments)
        {
            var page = await queries.ListAsync((ContactGridView.Default with { Search = fragment.Text }).ToQuery(TimeZoneInfo.Utc), default);
            expected.Add((fragment.Text, new GridExpectation([.. page.Rows.Select(r => r.DisplayName)], page.TotalCount, page.TotalKind)));
        }
        return expected;
    }

    /// <summary>
    /// One measured step: the perceived time (in the page), the wall clock the driver saw, and where the perceived time
    /// went: for a search the time after the debounce (from the URL change), for a page load the first byte, the parsed
    /// document, the first contentful paint and when the circuit was live.
    /// </summary>
    private sealed record Timing(double Perceived, double WallClock, params (string Label, double Ms)[] Parts);

    private sealed record Samples(List<double> Perceived, List<double> Wall, Dictionary<string, List<double>> Parts)
    {
        public void Add(Timing timing)
        {
            Perceived.Add(timing.Perceived);
            Wall.Add(timing.WallClock);
            foreach (var (label, ms) in timing.Parts)
            {
                if (!Parts.TryGetValue(label, out var list)) Parts[label] = list = [];
                list.Add(ms);
            }
        }
    }

    /// <summary>The rows the grid should show (display names of the page, and the total), as the app's own query answers.</summary>
    private sealed record GridExpectation(string[] Names, int Total, TotalKind Kind)
    {
        public string TotalText => Kind switch
        {
            TotalKind.About => $"about {Total:N0}",
            TotalKind.AtLeast => $"more than {Total:N0}",
            _ => $"{Total:N0}",
        };
    }

    private sealed record Expectations(
        GridExpectation Grid, int DeepPage, GridExpectation Deep,
        string EmailTerm, GridExpectation ByEmail, string PhoneTerm, GridExpectation ByPhone, string NameTerm, GridExpectation ByName,
        ContactGridView Filtered, GridExpectation ByFilters);

    /// <summary>
    /// Picks search terms from a contact in the middle of the table (one with a name, an email and a phone) and asks the
    /// app's <see cref="ContactQueries"/> what each view shows.
    /// </summary>
    private static async Task<Expectations> ExpectedViewsAsync(BenchContext context)
    {
        string first, last, email, phone;
        int categoryId, vipId;
        using (var raw = context.OpenRawConnection())
        using (var command = raw.CreateCommand())
        {
            command.CommandText = "SELECT (SELECT Id FROM SubscriptionCategories WHERE Key = 'events'), (SELECT Id FROM CustomFieldDefinitions WHERE Key = 'vip')";
            using (var ids = command.ExecuteReader())
            {
                ids.Read();
                (categoryId, vipId) = (ids.GetInt32(0), ids.GetInt32(1));
            }

            command.CommandText = """
                SELECT FirstName, LastName, Email, Phone FROM Contacts
                WHERE Id >= (SELECT max(Id) / 2 FROM Contacts)
                  AND FirstName <> '' AND LastName <> '' AND Email LIKE '%_@_%' AND length(Phone) >= 10
                ORDER BY Id LIMIT 1
                """;
            using var reader = command.ExecuteReader();
            if (!reader.Read()) throw new InvalidOperationException("The benchmark database has no contact with a name, an email and a phone.");
            (first, last, email, phone) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        var at = email.IndexOf('@');
        var local = email[..at];
        var emailTerm = local[Math.Max(0, local.Length - 6)..] + email[at..Math.Min(email.Length, at + 4)];   // e.g. "Hudson@gma"
        var phoneDigits = new string([.. phone.Where(char.IsAsciiDigit)]);
        var phoneTerm = phoneDigits[^7..];                                 // the last seven digits
        var nameTerm = $"{first} {last}";

        var queries = context.Create<ContactQueries>();
        async Task<GridExpectation> ShowsAsync(ContactGridView view)
        {
            var page = await queries.ListAsync(view.ToQuery(TimeZoneInfo.Utc), default);
            return new GridExpectation([.. page.Rows.Select(r => r.DisplayName)], page.TotalCount, page.TotalKind);
        }

        var grid = await ShowsAsync(ContactGridView.Default);
        var all = await queries.CountAsync(ContactFilter.None, default);   // the grid's own total stops at the count cap
        var pages = Math.Max(1, (all + ContactGridView.Default.PageSize - 1) / ContactGridView.Default.PageSize);
        var deepPage = Math.Min(10_000, pages);   // page 10,000 exists from 250,000 contacts on; smaller databases use their last page
        // The filters benchmark's combination of three lists, whose total is estimated on a million contacts.
        var filtered = ContactGridView.Default with
        {
            Status = EmailStatus.Active,
            CategoryId = categoryId,
            FieldId = vipId,
            FieldOperator = FieldOperator.Equals,
            FieldValue = "true",
        };
        return new Expectations(
            grid, deepPage, await ShowsAsync(ContactGridView.Default with { Page = deepPage - 1 }),
            emailTerm, await ShowsAsync(ContactGridView.Default with { Search = emailTerm }),
            phoneTerm, await ShowsAsync(ContactGridView.Default with { Search = phoneTerm }),
            nameTerm, await ShowsAsync(ContactGridView.Default with { Search = nameTerm }),
            filtered, await ShowsAsync(filtered));
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(AppProcess.AdminEmail);
        await page.GetByLabel("Password").FillAsync(AppProcess.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"Signing in as {AppProcess.AdminEmail} failed (still on {page.Url}). The app creates that admin on its first start " +
                "only when no user with that email exists; a database used before with another admin password needs a fresh --db.");
        }
    }

    /// <summary>The steps a person takes, each returning when the page shows the expected result.</summary>
    private sealed class Steps(IPage page, Expectations expected)
    {
        public IEnumerable<Func<Task<Timing>>> All =>
        [
            OpenGridAsync, () => SearchAsync(expected.EmailTerm, expected.ByEmail), () => SearchAsync(expected.PhoneTerm, expected.ByPhone),
            () => SearchAsync(expected.NameTerm, expected.ByName), OpenCardAsync, OpenCardByUrlAsync, OpenGridFromMenuAsync, OpenDeepPageAsync,
            OpenFilteredAsync,
        ];

        public async Task<Timing> OpenGridAsync() => await NavigateAsync("contacts", GridSpec(expected.Grid));

        /// <summary>A full load of the grid right after one that has just drawn, before that page's circuit is up.</summary>
        public async Task<Timing> ReloadGridAtOnceAsync()
        {
            await NavigateAsync("contacts", GridSpec(expected.Grid));
            return await NavigateAsync("contacts", GridSpec(expected.Grid), settle: false);
        }

        public async Task<Timing> OpenDeepPageAsync() => await NavigateAsync($"contacts?page={expected.DeepPage}", GridSpec(expected.Deep));

        public async Task<Timing> OpenFilteredAsync() => await NavigateAsync(expected.Filtered.ToUri().TrimStart('/'), GridSpec(expected.ByFilters));

        /// <summary>Opens the grid, then types the term as a person would (one key at a time) and waits for the matching rows.</summary>
        public async Task<Timing> SearchAsync(string term, GridExpectation shows)
        {
            await OpenGridAsync();
            await ArmAsync(GridSpec(shows));
            var search = page.Locator("#contact-search");
            await search.ClickAsync();
            await search.PressSequentiallyAsync(term, new() { Delay = 40 });
            var watch = Stopwatch.StartNew();   // after the last key went out
            var shown = await ShownAsync();
            var wall = watch.Elapsed.TotalMilliseconds;
            return new Timing(shown.Frame - Required(shown.LastInput, "an input event"), wall,
                ("after the debounce", shown.Frame - Required(shown.UrlChanged, "a URL change")));
        }

        /// <summary>Opens the grid on the email search (by its URL), then clicks the first row's name and waits for the card.</summary>
        public async Task<Timing> OpenCardAsync()
        {
            await NavigateAsync($"contacts?q={Uri.EscapeDataString(expected.EmailTerm)}", GridSpec(expected.ByEmail));
            await CircuitLiveAsync();
            await ArmAsync(CardSpec(expected.ByEmail.Names[0]));
            var watch = Stopwatch.StartNew();
            await page.Locator("#contacts-grid a.contact-name").First.ClickAsync();
            var shown = await ShownAsync();
            return new Timing(shown.Frame - Required(shown.LastClick, "a click event"), watch.Elapsed.TotalMilliseconds);
        }

        /// <summary>Opens a card by its URL (a new document, as a link from elsewhere or a reload) and waits for all its sections.</summary>
        public async Task<Timing> OpenCardByUrlAsync() =>
            await NavigateAsync($"contacts/{await ContactIdAsync()}", CardSpec(expected.ByEmail.Names[0]));

        /// <summary>On a card (opened by its URL), clicks Contacts in the menu and waits for the grid's first page.</summary>
        public async Task<Timing> OpenGridFromMenuAsync()
        {
            var contactId = await ContactIdAsync();
            await NavigateAsync($"contacts/{contactId}", CardSpec(expected.ByEmail.Names[0]));
            await CircuitLiveAsync();
            await ArmAsync(GridSpec(expected.Grid));
            var watch = Stopwatch.StartNew();
            await page.Locator(".mud-navmenu a[href='/contacts']").First.ClickAsync();
            var shown = await ShownAsync();
            return new Timing(shown.Frame - Required(shown.LastClick, "a click event"), watch.Elapsed.TotalMilliseconds);
        }

        private long? cardId;

        /// <summary>The id of the contact the card steps open (the first match of the email search), read from the grid's link once.</summary>
        private async Task<long> ContactIdAsync()
        {
            if (cardId is { } known) return known;
            await NavigateAsync($"contacts?q={Uri.EscapeDataString(expected.EmailTerm)}", GridSpec(expected.ByEmail));
            var href = await page.Locator("#contacts-grid a.contact-name").First.GetAttributeAsync("href") ?? "";
            return (cardId = long.Parse(href[(href.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture)).Value;
        }

        public async Task ScreenshotsAsync(string folder)
        {
            async Task ShootAsync(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"bench-{name}.png"), FullPage = true });
            await OpenGridAsync();
            await ShootAsync("1-grid");
            await SearchAsync(expected.EmailTerm, expected.ByEmail);
            await ShootAsync("2-search-email");
            await SearchAsync(expected.PhoneTerm, expected.ByPhone);
            await ShootAsync("3-search-phone");
            await SearchAsync(expected.NameTerm, expected.ByName);
            await ShootAsync("4-search-name");
            await OpenCardAsync();
            await ShootAsync("5-card");
            await OpenGridFromMenuAsync();
            await ShootAsync("6-grid-from-menu");
            await OpenDeepPageAsync();
            await ShootAsync("7-deep-page");
            await OpenFilteredAsync();
            await ShootAsync("8-filtered");
        }

        /// <summary>A new document: the expectation travels in sessionStorage, the time counts from the navigation start.</summary>
        private async Task<Timing> NavigateAsync(string url, object spec, bool settle = true)
        {
            // A person opens the next page after the last one is up: without this, each measured load would share the
            // two cores with the previous load's circuit starting (its scripts, its connection, its first render).
            if (settle && await page.Locator("#main-content").CountAsync() > 0) await CircuitLiveAsync();
            await page.EvaluateAsync("spec => sessionStorage.setItem('bench-spec', spec)", JsonSerializer.Serialize(spec));
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
            var shown = await ShownAsync();
            // The rows count as shown in their frame (as everywhere in this benchmark). The first contentful paint is
            // reported beside it: this headless Chromium rasterizes and composites on the CPU, which the 2-core
            // machine does well after the frame; a browser with a GPU presents the frame within a refresh or two.
            var load = await page.EvaluateAsync<JsonElement>(FirstPaintScript);
            var firstPaint = load.GetProperty("firstPaint").GetDouble();
            var parts = new List<(string, double)>
            {
                ("first byte at", load.GetProperty("responseStart").GetDouble()),
                ("last byte at", load.GetProperty("responseEnd").GetDouble()),
                ("parsed at", load.GetProperty("domInteractive").GetDouble()),
            };
            if (shown.InDocument is { } inDocument) parts.Add(("rows in the document at", inDocument));
            parts.Add(("first contentful paint presented at", firstPaint));
            if (shown.Interactive is { } live) parts.Add(("circuit live at", live));
            return new Timing(shown.Frame, watch.Elapsed.TotalMilliseconds, [.. parts]);
        }

        /// <summary>Where a full load's time went: the server (first byte), the document (parsed), the first contentful paint.</summary>
        private const string FirstPaintScript = """
            () => new Promise(resolve => new PerformanceObserver((list, observer) => {
              const paint = list.getEntriesByName('first-contentful-paint')[0];
              if (!paint) return;
              observer.disconnect();
              const n = performance.getEntriesByType('navigation')[0];
              resolve({ responseStart: n.responseStart, responseEnd: n.responseEnd, domInteractive: n.domInteractive, firstPaint: paint.startTime });
            }).observe({ type: 'paint', buffered: true }))
            """;

        /// <summary>
        /// A prerendered page shows before its circuit is up; a link clicked then would load a new document instead of
        /// navigating in the app, so the in-app steps wait for the circuit first (the layout marks it).
        /// </summary>
        private async Task CircuitLiveAsync() =>
            await page.Locator("#main-content[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        private async Task ArmAsync(object spec) => await page.EvaluateAsync("spec => window.__bench.expect(JSON.parse(spec))", JsonSerializer.Serialize(spec));

        private async Task<Shown> ShownAsync()
        {
            try
            {
                var json = await page.EvaluateAsync<JsonElement>("() => window.__bench.when()");
                return new Shown(json.GetProperty("frame").GetDouble(), Number(json, "inDocument"), Number(json, "lastInput"), Number(json, "lastClick"), Number(json, "urlChanged"),
                    Number(json, "interactive"));
            }
            catch (PlaywrightException e)
            {
                var state = await page.EvaluateAsync<string>("() => window.__bench ? window.__bench.describe() : 'no instrumentation'");
                throw new InvalidOperationException($"The page never showed what was expected at {page.Url}: {state}", e);
            }
        }

        private static double? Number(JsonElement json, string name) =>
            json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

        private static double Required(double? value, string what) =>
            value ?? throw new InvalidOperationException($"The page recorded no {what} before the result showed.");

        private static object GridSpec(GridExpectation shows) => new { grid = new { names = shows.Names, total = shows.Total } };

        private static object CardSpec(string name) => new { card = new { name, sections = CardSections } };
    }

    private sealed record Shown(double Frame, double? InDocument, double? LastInput, double? LastClick, double? UrlChanged, double? Interactive);

    /// <summary>
    /// Installed in every document before the app's scripts. Records the last input and click events and URL changes
    /// (Blazor's NavigateTo uses history.pushState), and when the expected view first shows: checked after every DOM
    /// mutation, timed in the following animation frame. All times are performance.now(), i.e. milliseconds since
    /// the navigation started.
    /// </summary>
    private const string Instrumentation = """
        (() => {
          if (window.__bench) return;
          const b = window.__bench = { spec: null, shown: null, checking: false, lastInput: null, lastClick: null, urlChanged: null, interactive: null, inDocument: null, waiters: [] };
          try { b.spec = JSON.parse(sessionStorage.getItem('bench-spec') || 'null'); sessionStorage.removeItem('bench-spec'); } catch (e) { }
          document.addEventListener('input', () => { b.lastInput = performance.now(); }, true);
          document.addEventListener('click', () => { b.lastClick = performance.now(); }, true);
          for (const name of ['pushState', 'replaceState']) {
            const original = history[name];
            history[name] = function (...args) { const result = original.apply(this, args); b.urlChanged = performance.now(); return result; };
          }
          const text = element => (element ? element.textContent : '').trim();
          const visible = element => !!element && element.getClientRects().length > 0;
          const holds = spec => {
            if (spec.grid) {
              const links = [...document.querySelectorAll('#contacts-grid a.contact-name')];
              const total = text(document.querySelector('#contacts-total')).replace(/\D/g, '');
              return links.length === spec.grid.names.length && links.every((a, i) => visible(a) && text(a) === spec.grid.names[i])
                && total === String(spec.grid.total);
            }
            if (spec.card) {
              return visible(document.querySelector('#contact-name')) && text(document.querySelector('#contact-name')) === spec.card.name
                && spec.card.sections.every(s => visible(document.querySelector(s)));
            }
            return false;
          };
          const check = () => {
            if (b.interactive === null && document.querySelector('#main-content[data-interactive=true]')) b.interactive = performance.now();
            if (!b.spec || b.shown || b.checking || !holds(b.spec)) return;
            b.inDocument = performance.now();
            b.checking = true;
            requestAnimationFrame(() => {
              b.checking = false;
              if (!holds(b.spec)) return;
              b.shown = { frame: performance.now(), inDocument: b.inDocument, lastInput: b.lastInput, lastClick: b.lastClick, urlChanged: b.urlChanged, interactive: b.interactive };
              b.waiters.splice(0).forEach(resolve => resolve(b.shown));
            });
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
          b.expect = spec => { b.spec = spec; b.shown = null; b.lastInput = null; b.lastClick = null; b.urlChanged = null; check(); };
          b.when = () => b.shown ? Promise.resolve(b.shown) : new Promise(resolve => { b.waiters.push(resolve); check(); });
          b.describe = () => JSON.stringify({ spec: b.spec, shownRows: [...document.querySelectorAll('#contacts-grid a.contact-name')].slice(0, 3).map(text),
            total: text(document.querySelector('#contacts-total')), card: text(document.querySelector('#contact-name')) });
        })();
        """;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Kills the app when the benchmark process ends some other way than through the normal dispose (e.g. Ctrl+C).</summary>
    private sealed class KillOnExit : IDisposable
    {
        private readonly AppProcess app;
        private readonly EventHandler onExit;
        private readonly ConsoleCancelEventHandler onCancel;

        public KillOnExit(AppProcess app)
        {
            this.app = app;
            onExit = (_, _) => Kill();
            onCancel = (_, _) => Kill();
            AppDomain.CurrentDomain.ProcessExit += onExit;
            Console.CancelKeyPress += onCancel;
        }

        private void Kill()
        {
            try { app.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { }   // already gone
        }

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= onExit;
            Console.CancelKeyPress -= onCancel;
        }
    }
}
