using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// The custom field indexes hold only the rows whose typed column is set (a value fills one column), so SQLite
/// may use one only when the query's condition rules NULL out. Every condition a grid filter can set must still
/// count its matches from the index of its column alone, and find the right contacts.
/// </summary>
public class CustomFieldFilterPlanTests : TracedStoreTest
{
    private ContactQueries queries = null!;
    private readonly Dictionary<CustomFieldType, CustomFieldDefinition> fields = [];

    protected override async Task SeedAsync(StoreBuilder store)
    {
        queries = new ContactQueries(Factory);

        fields[CustomFieldType.Text] = await store.FieldAsync("favourite_category", CustomFieldType.Text);
        fields[CustomFieldType.Choice] = await store.FieldAsync("loyalty_tier", CustomFieldType.Choice, "bronze", "gold");
        fields[CustomFieldType.Number] = await store.FieldAsync("lifetime_value", CustomFieldType.Number);
        fields[CustomFieldType.Date] = await store.FieldAsync("last_order_date", CustomFieldType.Date);
        fields[CustomFieldType.Boolean] = await store.FieldAsync("vip", CustomFieldType.Boolean);
        // Contact i: "Shoes i", bronze or gold, 100·i, day i of March, VIP when even; every third has no values.
        for (var i = 1; i <= 9; i++)
        {
            var contact = await store.ContactAsync(c => c.FirstName = $"C{i}");
            if (i % 3 == 0) continue;
            await store.ValueAsync(contact, fields[CustomFieldType.Text], $"Shoes {i}");
            await store.ValueAsync(contact, fields[CustomFieldType.Choice], i < 5 ? "bronze" : "gold");
            await store.ValueAsync(contact, fields[CustomFieldType.Number], (100 * i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await store.ValueAsync(contact, fields[CustomFieldType.Date], $"2026-03-0{i}");
            await store.ValueAsync(contact, fields[CustomFieldType.Boolean], i % 2 == 0 ? "yes" : "no");
        }
    }

    public static TheoryData<CustomFieldType, FieldOperator, string, int> Conditions => new()
    {
        { CustomFieldType.Text, FieldOperator.Equals, "shoes 4", 1 },
        { CustomFieldType.Text, FieldOperator.Contains, "SHOES", 6 },
        { CustomFieldType.Choice, FieldOperator.Equals, "gold", 3 },
        { CustomFieldType.Number, FieldOperator.Equals, "500", 1 },
        { CustomFieldType.Number, FieldOperator.Greater, "450", 3 },
        { CustomFieldType.Number, FieldOperator.Less, "450", 3 },
        { CustomFieldType.Date, FieldOperator.Equals, "2026-03-02", 1 },
        { CustomFieldType.Date, FieldOperator.Greater, "2026-03-04", 3 },
        { CustomFieldType.Date, FieldOperator.Less, "2026-03-04", 2 },
        { CustomFieldType.Boolean, FieldOperator.Equals, "yes", 3 },
        { CustomFieldType.Boolean, FieldOperator.Equals, "no", 3 },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task Each_condition_counts_from_the_index_of_its_column(CustomFieldType type, FieldOperator op, string value, int expected)
    {
        var filter = new ContactFilter { Field = new(fields[type].Id, op, value) };
        Recorder.Clear();

        var count = await queries.CountAsync(filter, Ct);
        var page = await queries.ListAsync(new ContactListQuery { Filter = filter }, Ct);

        Assert.Equal(expected, count);
        Assert.Equal(expected, page.TotalCount);
        var column = type switch
        {
            CustomFieldType.Text or CustomFieldType.Choice => "TextValue",
            CustomFieldType.Number => "NumberValue",
            CustomFieldType.Date => "DateValue",
            _ => "BoolValue",
        };
        var reads = Recorder.Plans.Where(p => p.Sql.Contains("\"CustomFieldValues\"")).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, plan => Assert.Contains(plan.Steps, s => s.Contains($"USING COVERING INDEX IX_CustomFieldValues_FieldId_{column}_ContactId (FieldId=?")));
    }

    [Fact]
    public async Task No_value_still_finds_the_contacts_without_one()
    {
        var filter = new ContactFilter { Field = new(fields[CustomFieldType.Number].Id, FieldOperator.IsEmpty, null) };

        Assert.Equal(3, await queries.CountAsync(filter, Ct));
    }
}
