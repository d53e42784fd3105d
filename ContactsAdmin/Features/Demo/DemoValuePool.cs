using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Bogus;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Realistic values of one market, drawn from Bogus once per process: first and last names by gender (each with
/// the ASCII form an email address is made of), regions, cities, streets and post codes. Bogus formats an
/// address from templates and transliterates a name on every call, tens of microseconds each; picking from
/// these pools instead makes a million contacts take seconds rather than minutes. A fixed seed per market keeps
/// the pools, and so the seeded data, the same in every run.
/// </summary>
internal sealed partial class DemoValuePool
{
    private const int PoolSeed = 20261129;
    private static readonly ConcurrentDictionary<string, Lazy<DemoValuePool>> Pools = new();

    public required DemoName[] FemaleFirstNames { get; init; }
    public required DemoName[] MaleFirstNames { get; init; }
    public required DemoName[] FemaleLastNames { get; init; }
    public required DemoName[] MaleLastNames { get; init; }
    /// <summary>Empty for a market whose regions come from its own list (<see cref="DemoLocale.Regions"/>).</summary>
    public required string[] Regions { get; init; }
    public required string[] Cities { get; init; }
    public required string[] Streets { get; init; }
    public required string[] PostCodes { get; init; }

    public static DemoValuePool For(DemoLocale locale) =>
        Pools.GetOrAdd(locale.BogusLocale, _ => new Lazy<DemoValuePool>(() => Build(locale))).Value;

    public DemoName[] FirstNames(BogusGender gender) => gender == BogusGender.Female ? FemaleFirstNames : MaleFirstNames;

    public DemoName[] LastNames(BogusGender gender) => gender == BogusGender.Female ? FemaleLastNames : MaleLastNames;

    private static DemoValuePool Build(DemoLocale locale)
    {
        var faker = new Faker(locale.BogusLocale) { Random = new Randomizer(PoolSeed + DemoLocales.NumberOf(locale)) };
        return new DemoValuePool
        {
            FemaleFirstNames = Names(() => faker.Name.FirstName(BogusGender.Female), "Alex"),
            MaleFirstNames = Names(() => faker.Name.FirstName(BogusGender.Male), "Alex"),
            FemaleLastNames = Names(() => faker.Name.LastName(BogusGender.Female), "Smith"),
            MaleLastNames = Names(() => faker.Name.LastName(BogusGender.Male), "Smith"),
            // Bogus has no UK regions of its own (it falls back to US states); counties read right.
            Regions = locale.Regions is { Length: > 0 } ? []
                : Draw(60, () => locale.BogusLocale == "en_GB" ? faker.Address.County() : faker.Address.State()),
            Cities = Draw(300, () => faker.Address.City()),
            Streets = Draw(1000, () => faker.Address.StreetAddress()),
            PostCodes = Draw(500, () => faker.Address.ZipCode()),
        };

        DemoName[] Names(Func<string> draw, string fallback)
        {
            var names = Draw(400, () => draw().Trim()).Where(IsPresentable).ToArray();
            return (names.Length > 0 ? names : [fallback])
                .Select(name => new DemoName(name, NotInLocalPart().Replace(Transliterater.Translate(name, locale.BogusLocale), "")))
                .ToArray();
        }
    }

    // Distinct values in the order Bogus drew them, so the pool is the same in every run.
    private static string[] Draw(int draws, Func<string> draw) => Enumerable.Range(0, draws).Select(_ => draw()).Distinct().ToArray();

    // Spec 2.2: letters of any alphabet, with spaces, apostrophes and hyphens inside words, at most 40 characters.
    private static bool IsPresentable(string name) => name.Length <= 40 && NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[\p{L}\p{M}]+(?:['’ -][\p{L}\p{M}]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex NotInLocalPart();
}

/// <summary>A name as shown, and its transliterated ASCII form for email addresses (Олена → Olena).</summary>
internal sealed record DemoName(string Name, string EmailPart);
