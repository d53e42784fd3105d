using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// The demo's definitions (custom fields, subscription categories, widgets) and the names its activities use.
/// Definitions are matched by key, so seeding reuses one an admin already made instead of failing on it;
/// each read of a definition list gives new entities, ready to be added to a DbContext.
/// </summary>
internal static class DemoCatalog
{
    public const string LoyaltyGroup = "Loyalty";
    public static readonly string[] LoyaltyTiers = ["bronze", "silver", "gold", "platinum"];

    /// <summary>The card shows the demo's personal fields before its loyalty ones.</summary>
    public static IReadOnlyList<CustomFieldGroup> FieldGroups =>
    [
        new() { Name = CustomFieldDefinition.DefaultGroup, SortOrder = 1 },
        new() { Name = LoyaltyGroup, SortOrder = 2 },
    ];

    public static IReadOnlyList<CustomFieldDefinition> CustomFields =>
    [
        new() { Key = "loyalty_tier", Label = "Loyalty tier", Type = CustomFieldType.Choice, Group = LoyaltyGroup, SortOrder = 1, Options = [.. LoyaltyTiers] },
        new() { Key = "lifetime_value", Label = "Lifetime value", Type = CustomFieldType.Number, Group = LoyaltyGroup, SortOrder = 2 },
        new() { Key = "vip", Label = "VIP", Type = CustomFieldType.Boolean, Group = LoyaltyGroup, SortOrder = 3 },
        new() { Key = "last_order_date", Label = "Last order date", Type = CustomFieldType.Date, Group = LoyaltyGroup, SortOrder = 4 },
        new() { Key = "favourite_category", Label = "Favourite category", Type = CustomFieldType.Text, Group = CustomFieldDefinition.DefaultGroup, SortOrder = 5 },
        new() { Key = "interests", Label = "Interests", Type = CustomFieldType.MultiChoice, Group = CustomFieldDefinition.DefaultGroup, SortOrder = 6, Options = [.. Interests] },
    ];

    /// <summary>The options of the multi-choice "interests" field; "art" is part of "smart home" on purpose, as filters must tell them apart.</summary>
    public static readonly string[] Interests = ["sport", "travel", "cooking", "art", "smart home"];

    public static IReadOnlyList<SubscriptionCategory> Categories =>
    [
        new() { Key = "newsletter", Name = "Newsletter", Description = "The weekly newsletter: stories, tips and new arrivals.", SortOrder = 1 },
        new() { Key = "promotions", Name = "Promotions", Description = "Sales, discount codes and limited offers.", SortOrder = 2 },
        new() { Key = "product_updates", Name = "Product updates", Description = "News about the app and the shop.", SortOrder = 3 },
        new() { Key = "events", Name = "Events", Description = "Invitations to store events and webinars.", SortOrder = 4 },
    ];

    /// <summary>How likely a contact is to be subscribed to each category, in the order of <see cref="Categories"/>.</summary>
    public static readonly float[] CategoryUptake = [0.7f, 0.5f, 0.35f, 0.2f];

    /// <summary>One widget per frequency period, so the activity tab has every kind of limit to check.</summary>
    public static IReadOnlyList<Widget> Widgets =>
    [
        new() { Key = "welcome-discount", Name = "Welcome discount popup", FrequencyLimit = 1, FrequencyPeriod = WidgetFrequencyPeriod.Lifetime },
        new() { Key = "newsletter-signup", Name = "Newsletter sign-up bar", FrequencyLimit = 1, FrequencyPeriod = WidgetFrequencyPeriod.Session },
        new() { Key = "exit-intent-offer", Name = "Exit-intent offer", FrequencyLimit = 2, FrequencyPeriod = WidgetFrequencyPeriod.Day },
        new() { Key = "app-download-banner", Name = "App download banner", FrequencyLimit = 3, FrequencyPeriod = WidgetFrequencyPeriod.Week },
    ];

    public static readonly string[] ShopCategories =
        ["Shoes", "Electronics", "Books", "Home & Garden", "Beauty", "Sports", "Toys", "Groceries", "Fashion", "Pet supplies"];

    public static readonly string[] EmailCampaigns =
    [
        "Welcome series 1", "Welcome series 2", "Weekly digest", "Spring sale", "Summer sale", "Back to school",
        "Black Friday preview", "Black Friday", "Cyber Monday", "Christmas gift guide", "New arrivals",
        "We miss you", "Abandoned cart reminder", "Price drop alert", "Loyalty points update",
    ];

    /// <summary>Transactional email still goes to contacts who unsubscribed from marketing.</summary>
    public const string OrderConfirmation = "Order confirmation";

    public static readonly string[] SmsMessages = ["Order shipped", "Delivery today", "Flash sale SMS", "Verification code", "Appointment reminder"];
    public static readonly string[] PushMessages = ["Flash sale starts now", "Your cart is waiting", "Order shipped", "New arrivals for you", "Points expiring soon"];
    public static readonly string[] AppInboxMessages = ["Your monthly points statement", "Exclusive member offer", "Welcome to the club", "Your order history"];
    public static readonly string[] InAppMessages = ["Rate the app", "Enable notifications", "Holiday offer banner", "Complete your profile"];

    public static readonly string[] AppEvents = ["AppOpened", "AppOpened", "AppOpened", "ProductViewed", "ProductViewed", "AddToCart", "SearchPerformed", "OrderPlaced"];
    public static readonly string[] WebsiteEvents = ["PageViewed", "PageViewed", "PageViewed", "PageViewed", "ProductViewed", "AddToCart", "SearchPerformed", "OrderPlaced"];
    public static readonly string[] SitePages = ["/", "/catalog/shoes", "/catalog/electronics", "/catalog/books", "/sale", "/new-arrivals", "/cart", "/account", "/stores", "/blog/spring-trends"];
    public static readonly string[] Searches = ["running shoes", "wireless headphones", "gift for mum", "garden chair", "kids lego", "winter jacket", "coffee grinder"];
    public static readonly string[] Referrers = ["google.com", "facebook.com", "instagram.com", "newsletter", "direct", "bing.com"];
    public static readonly string[] MailClients = ["Gmail", "Apple Mail", "Outlook", "Yahoo Mail", "Thunderbird"];

    public const string ShopUrl = "https://shop.example.com";

    /// <summary>People who blacklist and unsubscribe by hand in the demo.</summary>
    public static readonly string[] Admins = ["admin@example.com", "anna.schneider@example.com", "mark.taylor@example.com"];

    public static readonly string[] ManualBlacklistNotes =
    [
        "Asked by phone to receive no email at all",
        "Address of a competitor",
        "Role address (info@); do not mail",
        "Fraud case: chargebacks on three orders",
        "Complained to support about frequency twice",
    ];

    public static readonly string[] RemovalNotes =
    [
        "Customer confirmed the mailbox works again",
        "The bounce came from a temporary outage at the provider",
        "Customer asked to receive order emails again",
    ];

    public static readonly string[] ImportFiles = ["Import newsletter-optouts.csv", "Import crm-export-2025-11.csv"];
    public static readonly string[] ApiKeys = ["API key 'shop back end'", "API key 'mobile app'"];
}
