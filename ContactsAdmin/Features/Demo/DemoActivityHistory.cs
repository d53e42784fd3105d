using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Writes what a contact did and was sent outside email: SMS, push, app inbox and in-app messages, app and
/// website events (no status) and widget displays, on the channels the contact can be reached on.
/// </summary>
internal sealed class DemoActivityHistory
{
    private static readonly string[] SmsErrors = ["Absent subscriber", "Unknown number", "Rejected by the carrier"];
    private static readonly string[] Screens = ["Home", "Catalog", "Cart", "Profile"];
    private static readonly string[] InAppButtons = ["Shop now", "Not now", "Rate 5 stars", "Turn on"];

    private readonly DemoContactDraft draft;
    private readonly DemoRandom random;
    private readonly DateTime today;
    private readonly IReadOnlyList<Widget> widgets;
    private readonly List<ContactDevice> mobileDevices;
    private readonly List<ContactDevice> webDevices;
    private readonly HashSet<int> lifetimeWidgetsShown = [];
    private readonly List<Widget> widgetCandidates = [];
    // Details that name this contact's devices repeat within the contact only; serialized once each.
    private readonly Dictionary<object, string> deviceDetails = [];

    private DemoActivityHistory(DemoContactDraft draft, DemoRandom random, DateTime today, IReadOnlyList<Widget> widgets)
    {
        this.draft = draft;
        this.random = random;
        this.today = today;
        this.widgets = widgets;
        mobileDevices = draft.Devices.Where(d => d.Platform != DevicePlatform.Web).ToList();
        webDevices = draft.Devices.Where(d => d.Platform == DevicePlatform.Web).ToList();
    }

    /// <summary>Adds about <paramref name="count"/> activities (a message can make two or three: delivered, read, clicked).</summary>
    public static void Write(DemoContactDraft draft, DemoRandom random, DateTime today, IReadOnlyList<Widget> widgets, int count)
    {
        var history = new DemoActivityHistory(draft, random, today, widgets);
        var (names, weights) = history.Channels();
        if (names.Length == 0) return;

        var written = 0;
        // Some visitors see a widget more often than its frequency allows (incognito windows, cleared cookies).
        var canShowWidgets = widgets.Count > 0 && names.Contains(ActivityChannel.WebWidget);
        if (canShowWidgets && (draft.ShowsWidgetBeyondFrequency || random.Bool(0.12)))
            written += history.ShowWidgetBeyondFrequency();

        draft.Activities.EnsureCapacity(draft.Activities.Count + Math.Max(0, count - written));
        while (written < count)
            written += history.Write(random.Weighted(names, weights));
    }

    private (ActivityChannel[] Names, float[] Weights) Channels()
    {
        var channels = new List<(ActivityChannel, float)>();
        if (draft.Contact.Phone is not null) channels.Add((ActivityChannel.Sms, 6));
        if (mobileDevices.Count > 0)
            channels.AddRange([(ActivityChannel.MobilePush, 10), (ActivityChannel.AppInbox, 4), (ActivityChannel.InApp, 5), (ActivityChannel.App, 18)]);
        if (webDevices.Count > 0) channels.Add((ActivityChannel.WebPush, 6));
        // Anonymous contacts are app installs nobody has identified on the website.
        if (!draft.IsAnonymous) channels.AddRange([(ActivityChannel.Website, 26), (ActivityChannel.WebWidget, 5)]);
        return ([.. channels.Select(c => c.Item1)], [.. channels.Select(c => c.Item2)]);
    }

    private int Write(ActivityChannel channel) => channel switch
    {
        ActivityChannel.Sms => Sms(),
        ActivityChannel.MobilePush => Push(ActivityChannel.MobilePush, random.Pick(mobileDevices)),
        ActivityChannel.WebPush => Push(ActivityChannel.WebPush, random.Pick(webDevices)),
        ActivityChannel.AppInbox => AppInbox(),
        ActivityChannel.InApp => InApp(),
        ActivityChannel.App => AppEvent(),
        ActivityChannel.WebWidget => ShowWidget(),
        _ => WebsiteEvent(),
    };

    private int Sms()
    {
        var name = random.Pick(DemoCatalog.SmsMessages);
        var sent = Anytime(draft.Contact.CreatedAt);
        if (random.Bool(0.08))
            return Add(sent.AddSeconds(random.Int(1, 60)), ActivityChannel.Sms, name, MessageStatus.Undelivered,
                DemoJson.Cached(new { error = random.Pick(SmsErrors) }));

        var delivered = sent.AddSeconds(random.Int(1, 60));
        var written = Add(delivered, ActivityChannel.Sms, name, MessageStatus.Delivered, DemoJson.Cached(new { segments = random.Int(1, 2) }));
        if (random.Bool(0.15))
            written += AddLater(delivered, ActivityChannel.Sms, name, MessageStatus.Clicked, DemoJson.Cached(new { link = Link("sms", name) }));
        else if (random.Bool(0.02))
            written += AddLater(delivered, ActivityChannel.Sms, name, MessageStatus.Unsubscribed, DemoJson.Cached(new { reply = "STOP" }));
        return written;
    }

    private int Push(ActivityChannel channel, ContactDevice device)
    {
        var name = random.Pick(DemoCatalog.PushMessages);
        var sent = Anytime(device.FirstSeenAt);
        if (random.Bool(0.07))
            return Add(sent.AddSeconds(random.Int(1, 30)), channel, name, MessageStatus.Undelivered,
                OfDevice(new { deviceId = device.DeviceId, error = channel == ActivityChannel.WebPush ? "Subscription expired" : "Unregistered token" }));

        var delivered = sent.AddSeconds(random.Int(1, 30));
        var written = Add(delivered, channel, name, MessageStatus.Delivered, OfDevice(new { deviceId = device.DeviceId }));
        if (random.Bool(0.3))
        {
            var read = delivered.AddMinutes(random.Int(1, 600));
            if (read >= today) return written;
            written += Add(read, channel, name, MessageStatus.Read, OfDevice(new { deviceId = device.DeviceId }));
            if (random.Bool(0.5))
                written += AddLater(read, channel, name, MessageStatus.Clicked, OfDevice(new { deviceId = device.DeviceId, link = Link("push", name) }));
        }
        else if (random.Bool(0.02))
        {
            written += AddLater(delivered, channel, name, MessageStatus.Unsubscribed, OfDevice(new { deviceId = device.DeviceId, reason = "Notifications turned off" }));
        }
        return written;
    }

    private int AppInbox()
    {
        var name = random.Pick(DemoCatalog.AppInboxMessages);
        var delivered = Anytime(random.Pick(mobileDevices).FirstSeenAt);
        var written = Add(delivered, ActivityChannel.AppInbox, name, MessageStatus.Delivered, null);
        if (!random.Bool(0.6)) return written;
        var read = delivered.AddMinutes(random.Int(5, 3 * 24 * 60));
        if (read >= today) return written;
        written += Add(read, ActivityChannel.AppInbox, name, MessageStatus.Read, null);
        if (random.Bool(0.3))
            written += AddLater(read, ActivityChannel.AppInbox, name, MessageStatus.Clicked, DemoJson.Cached(new { button = "Open offer", link = Link("app-inbox", name) }));
        return written;
    }

    private int InApp()
    {
        var name = random.Pick(DemoCatalog.InAppMessages);
        var shown = Anytime(random.Pick(mobileDevices).FirstSeenAt);
        var written = Add(shown, ActivityChannel.InApp, name, MessageStatus.Delivered, DemoJson.Cached(new { screen = random.Pick(Screens) }));
        if (random.Bool(0.25))
            written += AddLater(shown, ActivityChannel.InApp, name, MessageStatus.Clicked, DemoJson.Cached(new { button = random.Pick(InAppButtons) }));
        return written;
    }

    private int AppEvent()
    {
        var device = random.Pick(mobileDevices);
        var name = random.Pick(DemoCatalog.AppEvents);
        var details = name == "AppOpened"
            ? DemoJson.Cached(new { appVersion = device.AppVersion, platform = device.Platform.ToString() })
            : ShopEventDetails(name);
        return Add(Anytime(device.FirstSeenAt), ActivityChannel.App, name, status: null, details);
    }

    private int WebsiteEvent()
    {
        var name = random.Pick(DemoCatalog.WebsiteEvents);
        var details = name == "PageViewed"
            ? DemoJson.Cached(new { url = DemoCatalog.ShopUrl + random.Pick(DemoCatalog.SitePages), referrer = random.Pick(DemoCatalog.Referrers) })
            : ShopEventDetails(name);
        return Add(Anytime(draft.Contact.CreatedAt), ActivityChannel.Website, name, status: null, details);
    }

    private string ShopEventDetails(string eventName)
    {
        var currency = draft.Locale.Currency;
        var price = Price(currency);
        return eventName switch
        {
            "ProductViewed" => DemoJson.Of(new { productId = Sku(), category = random.Pick(DemoCatalog.ShopCategories), price, currency }),
            "AddToCart" => DemoJson.Of(new { productId = Sku(), quantity = random.Int(1, 3), price, currency }),
            "SearchPerformed" => DemoJson.Cached(new { query = random.Pick(DemoCatalog.Searches) }),
            _ => DemoJson.Of(new { orderId = "ORD-" + random.Digits(8), total = Math.Round(price * random.Int(1, 4), 2), currency, items = random.Int(1, 6) }),
        };
    }

    private int ShowWidget()
    {
        // A lifetime widget is shown once; the burst below is the exception that the activity tab explains.
        widgetCandidates.Clear();
        foreach (var w in widgets)
            if (!lifetimeWidgetsShown.Contains(w.Id)) widgetCandidates.Add(w);
        if (widgetCandidates.Count == 0) return WebsiteEvent();
        var widget = random.Pick(widgetCandidates);
        if (widget.FrequencyPeriod == WidgetFrequencyPeriod.Lifetime) lifetimeWidgetsShown.Add(widget.Id);
        return Display(widget, Anytime(draft.Contact.CreatedAt), NewSession());
    }

    // One more display than the limit, all on one day (so beyond it for a session, day, week or lifetime alike).
    private int ShowWidgetBeyondFrequency()
    {
        var created = draft.Contact.CreatedAt;
        var fullDays = (int)(today - created.Date).TotalDays - 1;
        if (fullDays < 1) return 0;
        var widget = draft.ShowsWidgetBeyondFrequency
            ? widgets.FirstOrDefault(w => w.FrequencyPeriod == WidgetFrequencyPeriod.Lifetime) ?? widgets[0]
            : random.Pick(widgets);
        if (widget.FrequencyPeriod == WidgetFrequencyPeriod.Lifetime) lifetimeWidgetsShown.Add(widget.Id);

        var at = created.Date.AddDays(random.Int(1, fullDays)).AddHours(random.Int(8, 17));
        // Per session: two tabs of one session. Otherwise each display comes from a fresh session, as a
        // private window or a visitor who cleared cookies would start.
        var session = NewSession();
        var displays = Math.Clamp(widget.FrequencyLimit + 1, 2, 10);
        for (var i = 0; i < displays; i++)
        {
            Display(widget, at, widget.FrequencyPeriod == WidgetFrequencyPeriod.Session ? session : NewSession());
            at = at.AddMinutes(random.Int(2, 20));
        }
        return displays;
    }

    private int Display(Widget widget, DateTime at, string session) =>
        Add(at, ActivityChannel.WebWidget, widget.Name, random.Bool(0.2) ? MessageStatus.Clicked : MessageStatus.Delivered,
            DemoJson.Cached(new { page = random.Pick(DemoCatalog.SitePages) }), widget.Id, session);

    private int Add(DateTime at, ActivityChannel channel, string name, MessageStatus? status, string? details, int? widgetId = null, string? session = null)
    {
        draft.Activities.Add(new Activity
        {
            OccurredAt = at,
            Channel = channel,
            Name = name,
            Status = status,
            Details = details,
            WidgetId = widgetId,
            SessionId = session,
        });
        return 1;
    }

    private string OfDevice(object details)
    {
        if (!deviceDetails.TryGetValue(details, out var json)) deviceDetails[details] = json = DemoJson.Of(details);
        return json;
    }

    // A reaction a little after the message; none when that would fall on the seeding day.
    private int AddLater(DateTime after, ActivityChannel channel, string name, MessageStatus status, string details)
    {
        var at = after.AddSeconds(random.Int(20, 4 * 3600));
        return at < today ? Add(at, channel, name, status, details) : 0;
    }

    private DateTime Anytime(DateTime from) => from + (today - from) * random.Double(0, 0.9999);

    private string NewSession() => "s-" + random.Hex(16);

    private string Sku() => "SKU-" + random.Digits(5);

    // Prices in the contact's currency, roughly the same goods everywhere.
    private double Price(string currency) => Math.Round(random.Double(5, 300) * currency switch { "UAH" => 40, "PLN" => 4, _ => 1 }, 2);

    private static string Link(string medium, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{DemoCatalog.ShopUrl}/sale?utm_source={medium}&utm_campaign={message.ToLowerInvariant().Replace(' ', '-')}");
}
