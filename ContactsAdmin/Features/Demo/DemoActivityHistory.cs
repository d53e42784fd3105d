using System.Globalization;
using Bogus;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Writes what a contact did and was sent outside email: SMS, push, app inbox and in-app messages, app and
/// website events (no status) and widget displays, on the channels the contact can be reached on.
/// </summary>
internal sealed class DemoActivityHistory
{
    private readonly DemoContactDraft draft;
    private readonly Randomizer random;
    private readonly DateTime today;
    private readonly IReadOnlyList<Widget> widgets;
    private readonly List<ContactDevice> mobileDevices;
    private readonly List<ContactDevice> webDevices;
    private readonly HashSet<int> lifetimeWidgetsShown = [];

    private DemoActivityHistory(DemoContactDraft draft, Randomizer random, DateTime today, IReadOnlyList<Widget> widgets)
    {
        this.draft = draft;
        this.random = random;
        this.today = today;
        this.widgets = widgets;
        mobileDevices = draft.Devices.Where(d => d.Platform != DevicePlatform.Web).ToList();
        webDevices = draft.Devices.Where(d => d.Platform == DevicePlatform.Web).ToList();
    }

    /// <summary>Adds about <paramref name="count"/> activities (a message can make two or three: delivered, read, clicked).</summary>
    public static void Write(DemoContactDraft draft, Randomizer random, DateTime today, IReadOnlyList<Widget> widgets, int count)
    {
        var history = new DemoActivityHistory(draft, random, today, widgets);
        var channels = history.Channels();
        if (channels.Length == 0) return;

        var written = 0;
        // Some visitors see a widget more often than its frequency allows (incognito windows, cleared cookies).
        var canShowWidgets = widgets.Count > 0 && channels.Any(c => c.Channel == ActivityChannel.WebWidget);
        if (canShowWidgets && (draft.ShowsWidgetBeyondFrequency || random.Bool(0.12f)))
            written += history.ShowWidgetBeyondFrequency();

        var names = channels.Select(c => c.Channel).ToArray();
        var weights = channels.Select(c => c.Weight).ToArray();
        while (written < count)
            written += history.Write(random.Weighted(names, weights));
    }

    private (ActivityChannel Channel, float Weight)[] Channels()
    {
        var channels = new List<(ActivityChannel, float)>();
        if (draft.Contact.Phone is not null) channels.Add((ActivityChannel.Sms, 6));
        if (mobileDevices.Count > 0)
            channels.AddRange([(ActivityChannel.MobilePush, 10), (ActivityChannel.AppInbox, 4), (ActivityChannel.InApp, 5), (ActivityChannel.App, 18)]);
        if (webDevices.Count > 0) channels.Add((ActivityChannel.WebPush, 6));
        // Anonymous contacts are app installs nobody has identified on the website.
        if (!draft.IsAnonymous) channels.AddRange([(ActivityChannel.Website, 26), (ActivityChannel.WebWidget, 5)]);
        return [.. channels];
    }

    private int Write(ActivityChannel channel) => channel switch
    {
        ActivityChannel.Sms => Sms(),
        ActivityChannel.MobilePush => Push(ActivityChannel.MobilePush, random.ListItem(mobileDevices)),
        ActivityChannel.WebPush => Push(ActivityChannel.WebPush, random.ListItem(webDevices)),
        ActivityChannel.AppInbox => AppInbox(),
        ActivityChannel.InApp => InApp(),
        ActivityChannel.App => AppEvent(),
        ActivityChannel.WebWidget => ShowWidget(),
        _ => WebsiteEvent(),
    };

    private int Sms()
    {
        var name = random.ArrayElement(DemoCatalog.SmsMessages);
        var sent = Anytime(draft.Contact.CreatedAt);
        if (random.Bool(0.08f))
            return Add(sent.AddSeconds(random.Int(1, 60)), ActivityChannel.Sms, name, MessageStatus.Undelivered,
                new { error = random.ArrayElement(["Absent subscriber", "Unknown number", "Rejected by the carrier"]) });

        var delivered = sent.AddSeconds(random.Int(1, 60));
        var written = Add(delivered, ActivityChannel.Sms, name, MessageStatus.Delivered, new { segments = random.Int(1, 2) });
        if (random.Bool(0.15f))
            written += AddLater(delivered, ActivityChannel.Sms, name, MessageStatus.Clicked, new { link = Link("sms", name) });
        else if (random.Bool(0.02f))
            written += AddLater(delivered, ActivityChannel.Sms, name, MessageStatus.Unsubscribed, new { reply = "STOP" });
        return written;
    }

    private int Push(ActivityChannel channel, ContactDevice device)
    {
        var name = random.ArrayElement(DemoCatalog.PushMessages);
        var sent = Anytime(device.FirstSeenAt);
        if (random.Bool(0.07f))
            return Add(sent.AddSeconds(random.Int(1, 30)), channel, name, MessageStatus.Undelivered,
                new { deviceId = device.DeviceId, error = channel == ActivityChannel.WebPush ? "Subscription expired" : "Unregistered token" });

        var delivered = sent.AddSeconds(random.Int(1, 30));
        var written = Add(delivered, channel, name, MessageStatus.Delivered, new { deviceId = device.DeviceId });
        if (random.Bool(0.3f))
        {
            var read = delivered.AddMinutes(random.Int(1, 600));
            if (read >= today) return written;
            written += Add(read, channel, name, MessageStatus.Read, new { deviceId = device.DeviceId });
            if (random.Bool(0.5f))
                written += AddLater(read, channel, name, MessageStatus.Clicked, new { deviceId = device.DeviceId, link = Link("push", name) });
        }
        else if (random.Bool(0.02f))
        {
            written += AddLater(delivered, channel, name, MessageStatus.Unsubscribed, new { deviceId = device.DeviceId, reason = "Notifications turned off" });
        }
        return written;
    }

    private int AppInbox()
    {
        var name = random.ArrayElement(DemoCatalog.AppInboxMessages);
        var delivered = Anytime(random.ListItem(mobileDevices).FirstSeenAt);
        var written = Add(delivered, ActivityChannel.AppInbox, name, MessageStatus.Delivered, null);
        if (!random.Bool(0.6f)) return written;
        var read = delivered.AddMinutes(random.Int(5, 3 * 24 * 60));
        if (read >= today) return written;
        written += Add(read, ActivityChannel.AppInbox, name, MessageStatus.Read, null);
        if (random.Bool(0.3f))
            written += AddLater(read, ActivityChannel.AppInbox, name, MessageStatus.Clicked, new { button = "Open offer", link = Link("app-inbox", name) });
        return written;
    }

    private int InApp()
    {
        var name = random.ArrayElement(DemoCatalog.InAppMessages);
        var shown = Anytime(random.ListItem(mobileDevices).FirstSeenAt);
        var written = Add(shown, ActivityChannel.InApp, name, MessageStatus.Delivered, new { screen = random.ArrayElement(["Home", "Catalog", "Cart", "Profile"]) });
        if (random.Bool(0.25f))
            written += AddLater(shown, ActivityChannel.InApp, name, MessageStatus.Clicked, new { button = random.ArrayElement(["Shop now", "Not now", "Rate 5 stars", "Turn on"]) });
        return written;
    }

    private int AppEvent()
    {
        var device = random.ListItem(mobileDevices);
        var name = random.ArrayElement(DemoCatalog.AppEvents);
        object details = name == "AppOpened"
            ? new { appVersion = device.AppVersion, platform = device.Platform.ToString() }
            : ShopEventDetails(name);
        return Add(Anytime(device.FirstSeenAt), ActivityChannel.App, name, status: null, details);
    }

    private int WebsiteEvent()
    {
        var name = random.ArrayElement(DemoCatalog.WebsiteEvents);
        object details = name == "PageViewed"
            ? new { url = DemoCatalog.ShopUrl + random.ArrayElement(DemoCatalog.SitePages), referrer = random.ArrayElement(DemoCatalog.Referrers) }
            : ShopEventDetails(name);
        return Add(Anytime(draft.Contact.CreatedAt), ActivityChannel.Website, name, status: null, details);
    }

    private object ShopEventDetails(string eventName)
    {
        var currency = draft.Locale.Currency;
        var price = Price(currency);
        return eventName switch
        {
            "ProductViewed" => new { productId = Sku(), category = random.ArrayElement(DemoCatalog.ShopCategories), price, currency },
            "AddToCart" => new { productId = Sku(), quantity = random.Int(1, 3), price, currency },
            "SearchPerformed" => new { query = random.ArrayElement(DemoCatalog.Searches) },
            _ => new { orderId = "ORD-" + random.ReplaceNumbers("########"), total = Math.Round(price * random.Int(1, 4), 2), currency, items = random.Int(1, 6) },
        };
    }

    private int ShowWidget()
    {
        // A lifetime widget is shown once; the burst below is the exception that the activity tab explains.
        var candidates = widgets.Where(w => !lifetimeWidgetsShown.Contains(w.Id)).ToList();
        if (candidates.Count == 0) return WebsiteEvent();
        var widget = random.ListItem(candidates);
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
            : random.ListItem(widgets.ToList());
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
        Add(at, ActivityChannel.WebWidget, widget.Name, random.Bool(0.2f) ? MessageStatus.Clicked : MessageStatus.Delivered,
            new { page = random.ArrayElement(DemoCatalog.SitePages) }, widget.Id, session);

    private int Add(DateTime at, ActivityChannel channel, string name, MessageStatus? status, object? details, int? widgetId = null, string? session = null)
    {
        draft.Activities.Add(new Activity
        {
            OccurredAt = at,
            Channel = channel,
            Name = name,
            Status = status,
            Details = details is null ? null : DemoJson.Of(details),
            WidgetId = widgetId,
            SessionId = session,
        });
        return 1;
    }

    // A reaction a little after the message; none when that would fall on the seeding day.
    private int AddLater(DateTime after, ActivityChannel channel, string name, MessageStatus status, object details)
    {
        var at = after.AddSeconds(random.Int(20, 4 * 3600));
        return at < today ? Add(at, channel, name, status, details) : 0;
    }

    private DateTime Anytime(DateTime from) => from + (today - from) * random.Double(0, 0.9999);

    private string NewSession() => "s-" + random.Hexadecimal(16, "");

    private string Sku() => "SKU-" + random.ReplaceNumbers("#####");

    // Prices in the contact's currency, roughly the same goods everywhere.
    private double Price(string currency) => Math.Round(random.Double(5, 300) * currency switch { "UAH" => 40, "PLN" => 4, _ => 1 }, 2);

    private static string Link(string medium, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{DemoCatalog.ShopUrl}/sale?utm_source={medium}&utm_campaign={message.ToLowerInvariant().Replace(' ', '-')}");
}
