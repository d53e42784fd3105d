using System.Globalization;
using System.Text;
using Bogus;
using ContactsAdmin.Data;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The import benchmark's file (issue 18): 15 columns (8 of the contact's own fields, 5 custom fields, 2 categories), one
/// row per contact, 1 % of the rows with a bad email. Deterministic: the same row count and variant give the same bytes.
/// The identifiers depend on the row alone, so variant 1 names the same contacts as variant 0 with other values (a file
/// of updates).
/// </summary>
public static class ImportFile
{
    /// <summary>Every 100th row carries an address the email rule refuses.</summary>
    public const int BadRowEvery = 100;

    public static IReadOnlyList<CustomFieldDefinition> CustomFields =>
    [
        new() { Key = "loyalty_tier", Label = "Loyalty tier", Type = CustomFieldType.Choice, SortOrder = 1, Options = [.. Tiers] },
        new() { Key = "lifetime_value", Label = "Lifetime value", Type = CustomFieldType.Number, SortOrder = 2 },
        new() { Key = "vip", Label = "VIP", Type = CustomFieldType.Boolean, SortOrder = 3 },
        new() { Key = "last_order_date", Label = "Last order date", Type = CustomFieldType.Date, SortOrder = 4 },
        new() { Key = "favourite_category", Label = "Favourite category", Type = CustomFieldType.Text, SortOrder = 5 },
    ];

    public static IReadOnlyList<SubscriptionCategory> Categories =>
    [
        new() { Key = "newsletter", Name = "Newsletter", SortOrder = 1 },
        new() { Key = "promotions", Name = "Promotions", SortOrder = 2 },
    ];

    /// <summary>Column name to where the import puts it, as the `import --mapping FILE.json` takes it.</summary>
    public static IReadOnlyDictionary<string, string> Mapping { get; } = new Dictionary<string, string>
    {
        ["External ID"] = "ExternalId", ["Email"] = "Email", ["Phone"] = "Phone", ["First name"] = "FirstName", ["Last name"] = "LastName",
        ["Gender"] = "Gender", ["Country"] = "Country", ["City"] = "City",
        ["Loyalty tier"] = "custom:loyalty_tier", ["Lifetime value"] = "custom:lifetime_value", ["VIP"] = "custom:vip",
        ["Last order date"] = "custom:last_order_date", ["Favourite category"] = "custom:favourite_category",
        ["Newsletter"] = "category:newsletter", ["Promotions"] = "category:promotions",
    };

    private static readonly string[] Tiers = ["bronze", "silver", "gold", "platinum"];
    private static readonly string[] Countries = ["UA", "PL", "DE", "US", "GB", "FR", "ES", "IT"];
    private static readonly string[] Shop = ["shoes", "bags", "outdoor", "kitchen", "books", "toys", "garden"];

    /// <summary>Writes <paramref name="rows"/> rows (plus the header) to <paramref name="path"/> as UTF-8 without a BOM.</summary>
    public static async Task WriteAsync(string path, int rows, int variant)
    {
        var faker = new Faker("en") { Random = new Randomizer(18 + variant) };
        var day = new DateOnly(2026, 1, 1);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync(string.Join(',', Mapping.Keys) + "\n");
        var line = new StringBuilder(256);
        for (var i = 0; i < rows; i++)
        {
            line.Clear();
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = i % BadRowEvery == BadRowEvery - 1 ? $"no-at-sign-{i}.example.com" : $"contact{i:D7}@example.com";
            Append(line, $"crm-{i:D7}").Append(',').Append(email).Append(',').Append(CultureInfo.InvariantCulture, $"+38067{i:D7}").Append(',');
            Append(line, first).Append(',');
            Append(line, last).Append(',');
            line.Append(faker.Random.Bool() ? "female" : "male").Append(',');
            line.Append(faker.PickRandom(Countries)).Append(',');
            Append(line, faker.Address.City()).Append(',');
            line.Append(faker.PickRandom(Tiers)).Append(',');
            line.Append(faker.Random.Decimal(0, 5000).ToString("0.00", CultureInfo.InvariantCulture)).Append(',');
            line.Append(faker.Random.Bool(0.1f) ? "true" : "false").Append(',');
            line.Append(day.AddDays(-faker.Random.Int(0, 700)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            line.Append(faker.PickRandom(Shop)).Append(',');
            line.Append(faker.Random.Bool(0.7f) ? "yes" : "no").Append(',');
            line.Append(faker.Random.Bool(0.4f) ? "yes" : "").Append('\n');
            await writer.WriteAsync(line);
        }
    }

    private static StringBuilder Append(StringBuilder line, string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? line.Append(value) : line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
}
