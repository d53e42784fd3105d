using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>What the grid persists from its prerender into the circuit comes back whole (Blazor persists it as JSON, web defaults).</summary>
public class GridFirstLoadTests
{
    private static readonly JsonSerializerOptions Persisted = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_prerendered_page_of_rows_with_field_and_category_columns_survives_the_trip_into_the_circuit()
    {
        var row = new ContactRow(7, "Ada", "Lovelace", "ada@example.org", "+380501234567", EmailStatus.Active, ContactSource.Api,
            new DateTime(2026, 3, 3, 10, 15, 0), new DateTime(2026, 3, 4, 10, 15, 0), "UA", "uk")
        {
            FieldValues = new Dictionary<int, TypedFieldValue> { [3] = new(Text: "gold") },
            SubscribedCategories = new HashSet<int> { 5 },
        };
        var field = new CustomFieldDefinition { Id = 3, Key = "tier", Label = "Tier", Type = CustomFieldType.Text };
        var category = new SubscriptionCategory { Id = 5, Key = "news", Name = "News" };
        var load = new GridFirstLoad([field], [category], new GridColumnChoice([3], [5]),
            new ContactPage([row], 1, TotalKind: TotalKind.Exact, HasNextPage: false));

        var back = JsonSerializer.Deserialize<GridFirstLoad>(JsonSerializer.Serialize(load, Persisted), Persisted)!;

        var shown = Assert.Single(back.Page.Rows);
        Assert.Equal(row with { FieldValues = shown.FieldValues, SubscribedCategories = shown.SubscribedCategories }, shown);
        Assert.Equal("gold", shown.FieldValues[3].Text);
        Assert.Equal([5], shown.SubscribedCategories);
        Assert.Equal([3], back.Columns.FieldIds);
        Assert.Equal("Tier", Assert.Single(back.Fields).Label);
        Assert.Equal("News", Assert.Single(back.Categories).Name);
    }
}
