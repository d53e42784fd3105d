using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The grid narrowed by an email status, a subscription category and a custom field condition, each with its
/// count. The baseline reads the matches from the covering indexes (IN), the form that suits counting.
/// </summary>
public static class FilterBench
{
    private const string Group = "filters";
    private const string Target = "< 50 ms";

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRaw();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var queries = context.Create<ContactQueries>();
        var newestFirst = connection.Order("CreatedAt", descending: true);
        await using var ids = raw.Command("""
            SELECT (SELECT Id FROM SubscriptionCategories WHERE Key = 'events'),
                   (SELECT Id FROM CustomFieldDefinitions WHERE Key = 'lifetime_value'),
                   (SELECT Id FROM CustomFieldDefinitions WHERE Key = 'vip')
            """);
        int category, lifetimeValue, vip;
        await using (var reader = await ids.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (category, lifetimeValue, vip) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        foreach (var status in new[] { EmailStatus.Unsubscribed, EmailStatus.Blacklisted })
        {
            await Measure($"email status {status}", ContactFilter.None with { EmailStatus = status },
                "c.EmailStatus = @status", ("@status", status.ToString()));
        }
        await Measure("subscribed to category 'events'", ContactFilter.None with { CategoryId = category },
            "c.Id IN (SELECT s.ContactId FROM ContactSubscriptions s WHERE s.CategoryId = @category AND s.IsSubscribed)",
            ("@category", category));
        await Measure("custom field lifetime_value > 4000", ContactFilter.None with { Field = new(lifetimeValue, FieldOperator.Greater, "4000") },
            "c.Id IN (SELECT v.ContactId FROM CustomFieldValues v WHERE v.FieldId = @field AND v.NumberValue > 4000)",
            ("@field", lifetimeValue));
        await Measure("status Active + 'events' + VIP", ContactFilter.None with
        {
            EmailStatus = EmailStatus.Active,
            CategoryId = category,
            Field = new(vip, FieldOperator.Equals, "true"),
        },
            "c.EmailStatus = 'Active' AND c.Id IN (SELECT s.ContactId FROM ContactSubscriptions s WHERE s.CategoryId = @category AND s.IsSubscribed) " +
            "AND c.Id IN (SELECT v.ContactId FROM CustomFieldValues v WHERE v.FieldId = @field AND v.BoolValue = TRUE)",
            ("@category", category), ("@field", vip));
        // Few of those VIPs are blacklisted: the sample finds too few to trust, so the count is exact.
        await Measure("status Blacklisted + 'events' + VIP", ContactFilter.None with
        {
            EmailStatus = EmailStatus.Blacklisted,
            CategoryId = category,
            Field = new(vip, FieldOperator.Equals, "true"),
        },
            "c.EmailStatus = 'Blacklisted' AND c.Id IN (SELECT s.ContactId FROM ContactSubscriptions s WHERE s.CategoryId = @category AND s.IsSubscribed) " +
            "AND c.Id IN (SELECT v.ContactId FROM CustomFieldValues v WHERE v.FieldId = @field AND v.BoolValue = TRUE)",
            ("@category", category), ("@field", vip));
        var (gmail, gmailParameters) = connection.Dialect.Search("gmail", phoneDigits: null);
        await Measure("search 'gmail' + 'events'", ContactFilter.None with { Search = "gmail", CategoryId = category },
            gmail + " AND c.Id IN (SELECT s.ContactId FROM ContactSubscriptions s WHERE s.CategoryId = @category AND s.IsSubscribed)",
            [.. gmailParameters, ("@category", category)]);
        return;

        async Task Measure(string scenario, ContactFilter filter, string where, params (string Name, object Value)[] parameters)
        {
            // What the grid's total says; an estimate is shown beside the exact count (the raw query counts exactly).
            var shown = await queries.ListAsync(new ContactListQuery { Filter = filter }, default);
            var note = shown.TotalKind switch
            {
                TotalKind.About => $"total: about {shown.TotalCount:N0} ±{shown.TotalMargin * 100:0}%, exact {await queries.CountAsync(filter, default):N0}",
                TotalKind.AtLeast => $"total: more than {shown.TotalCount:N0}",
                _ => $"total: {shown.TotalCount:N0}",
            };
            await GridBench.MeasurePageAsync(context, raw, scenario, Target,
                () => queries.ListAsync(new ContactListQuery { Filter = filter }, default),
                () => raw.PageAndCountAsync(where, newestFirst, 0, parameters), note, Group);
        }
    }
}
