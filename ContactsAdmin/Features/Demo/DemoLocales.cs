using System.Globalization;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// A market the demo draws people from. Everything about a person comes from one market, so a Kyiv time zone
/// goes with a Ukrainian name, a +380 number, a uk-UA language and a ukr.net address.
/// </summary>
internal sealed record DemoLocale(
    string BogusLocale,
    string Country,
    string Language,
    string Currency,
    int Weight,
    string[] EmailDomains,
    DemoRegion[]? Regions,
    string DefaultTimeZone,
    string CountryCallingCode,
    Func<DemoRandom, DemoRegion, string> NationalMobileNumber)
{
    /// <summary>A mobile number in E.164 (e.g. +380671234567) that fits the region.</summary>
    public string MobileNumber(DemoRandom random, DemoRegion region) => "+" + CountryCallingCode + NationalMobileNumber(random, region);

    /// <summary>Names, addresses and the like of this market, drawn from Bogus once.</summary>
    public DemoValuePool Values() => DemoValuePool.For(this);

    /// <summary>Where the person lives: from the market's own list where one time zone does not fit all.</summary>
    public DemoRegion PickRegion(DemoRandom random) =>
        Regions is { Length: > 0 } ? random.Pick(Regions) : new DemoRegion(random.Pick(Values().Regions), DefaultTimeZone, []);
}

/// <summary>A region with its time zone and, where numbers depend on it, its area codes.</summary>
internal sealed record DemoRegion(string Name, string TimeZone, string[] AreaCodes);

internal static class DemoLocales
{
    // US area codes follow the state, so phones, regions and time zones agree.
    private static readonly DemoRegion[] UsStates =
    [
        new("New York", "America/New_York", ["212", "718", "917", "646"]),
        new("California", "America/Los_Angeles", ["415", "213", "310", "408"]),
        new("Texas", "America/Chicago", ["512", "713", "214", "210"]),
        new("Illinois", "America/Chicago", ["312", "773", "630"]),
        new("Florida", "America/New_York", ["305", "407", "813"]),
        new("Washington", "America/Los_Angeles", ["206", "425", "509"]),
        new("Colorado", "America/Denver", ["303", "720", "719"]),
        new("Arizona", "America/Phoenix", ["602", "480", "520"]),
        new("Massachusetts", "America/New_York", ["617", "508", "781"]),
        new("Georgia", "America/New_York", ["404", "678", "770"]),
    ];

    // Mobile prefixes of each market's operators.
    private static readonly string[] UkrainianPrefixes = ["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"];
    private static readonly string[] GermanPrefixes = ["151", "152", "157", "159", "170", "171", "172", "173", "175", "176", "177", "178", "179"];
    private static readonly string[] BritishPrefixes = ["4", "5", "7", "8", "9"];
    private static readonly string[] PolishPrefixes = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];

    public static IReadOnlyList<DemoLocale> All { get; } =
    [
        new("uk", "UA", "uk-UA", "UAH", Weight: 30, ["ukr.net", "gmail.com", "i.ua", "meta.ua"], null, "Europe/Kyiv",
            "380", (r, _) => r.Pick(UkrainianPrefixes) + r.Digits(7)),
        new("de", "DE", "de-DE", "EUR", Weight: 15, ["gmx.de", "web.de", "t-online.de", "gmail.com"], null, "Europe/Berlin",
            "49", (r, _) => r.Pick(GermanPrefixes) + r.Digits(8)),
        new("en_US", "US", "en-US", "USD", Weight: 20, ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"], UsStates, "America/New_York",
            // Area code of the state, then an exchange that does not start with 0 or 1, then four digits.
            "1", (r, state) => r.Pick(state.AreaCodes) + r.Int(2, 9).ToString(CultureInfo.InvariantCulture) + r.Digits(6)),
        new("en_GB", "GB", "en-GB", "GBP", Weight: 10, ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk"], null, "Europe/London",
            "44", (r, _) => "7" + r.Pick(BritishPrefixes) + r.Digits(8)),
        new("fr", "FR", "fr-FR", "EUR", Weight: 10, ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"], null, "Europe/Paris",
            "33", (r, _) => "6" + r.Digits(8)),
        new("pl", "PL", "pl-PL", "PLN", Weight: 8, ["wp.pl", "onet.pl", "o2.pl", "interia.pl", "gmail.com"], null, "Europe/Warsaw",
            "48", (r, _) => r.Pick(PolishPrefixes) + r.Digits(7)),
        new("es", "ES", "es-ES", "EUR", Weight: 7, ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"], null, "Europe/Madrid",
            "34", (r, _) => "6" + r.Digits(8)),
    ];

    private static readonly DemoLocale[] Markets = [.. All];
    private static readonly float[] MarketWeights = [.. All.Select(l => (float)l.Weight)];

    public static DemoLocale Ukraine => All[0];

    public static DemoLocale Pick(DemoRandom random) => random.Weighted(Markets, MarketWeights);

    /// <summary>The market's place in <see cref="All"/>: a stable number to seed its value pool with.</summary>
    public static int NumberOf(DemoLocale locale) => Array.IndexOf(Markets, locale);
}
