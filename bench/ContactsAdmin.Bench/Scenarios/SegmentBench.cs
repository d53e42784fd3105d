using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The grid showing a segment (issue 20): profile conditions and "clicked any message in the last 30 days", a page with
/// its estimated or capped total and the exact count; and a rule with an OR group and a custom field. Each baseline is
/// the same rule written by hand, with the behaviour as an EXISTS probe of the activities' (ContactId, Status, OccurredAt)
/// index, one seek per contact.
/// </summary>
public static class SegmentBench
{
    private const string Group = "segments";
    private const string PageTarget = "< 100 ms";
    private const string CountTarget = "< 2 s";

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRawConnection();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var queries = context.Create<ContactQueries>();
        var newestFirst = RawGrid.Order("CreatedAt", descending: true);
        await using var ids = raw.Command("""
            SELECT (SELECT Id FROM SubscriptionCategories WHERE Key = 'newsletter'),
                   (SELECT Id FROM CustomFieldDefinitions WHERE Key = 'lifetime_value')
            """);
        await using var reader = await ids.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (newsletter, lifetimeValue) = (reader.GetInt32(0), reader.GetInt32(1));
        // As EF Core writes a DateTime on SQLite, so the baseline compares the same text.
        var since = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        var clicked = new SegmentCondition { Kind = ConditionKind.Message, Action = BehaviourAction.Clicked, Days = 30 };
        var active = new SegmentCondition { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = nameof(EmailStatus.Active) };
        var profileAndClicked = new SegmentRule
        {
            Groups =
            [
                new ConditionGroup
                {
                    Conditions =
                    [
                        active,
                        new SegmentCondition { Kind = ConditionKind.Identifier, Field = "Phone", Operator = ConditionOperator.IsNotEmpty },
                        new SegmentCondition { Kind = ConditionKind.Profile, Field = "Country", Operator = ConditionOperator.IsNotEmpty },
                        clicked,
                    ],
                },
            ],
        };
        var orGroup = new SegmentRule
        {
            Groups =
            [
                new ConditionGroup { Conditions = [active] },
                new ConditionGroup
                {
                    Join = RuleJoin.Or,
                    Conditions =
                    [
                        new SegmentCondition { Kind = ConditionKind.Category, TargetId = newsletter, Operator = ConditionOperator.Is },
                        new SegmentCondition { Kind = ConditionKind.CustomField, TargetId = lifetimeValue, Operator = ConditionOperator.Greater, Value = "1000" },
                    ],
                },
                new ConditionGroup { Conditions = [clicked] },
            ],
        };

        const string ClickedSql = "EXISTS (SELECT 1 FROM Activities a WHERE a.ContactId = c.Id " +
            "AND a.Status = 'Clicked' AND a.OccurredAt >= $since AND a.Channel NOT IN ('App', 'Website', 'WebWidget'))";
        const string ProfileAndClickedSql = "c.EmailStatus = 'Active' AND c.Phone IS NOT NULL AND c.Phone <> '' " +
            "AND c.Country IS NOT NULL AND c.Country <> '' AND " + ClickedSql;
        // The single probe before the OR group's two: the group is then read only for the few who clicked.
        const string OrGroupSql = "c.EmailStatus = 'Active' AND " + ClickedSql +
            " AND (EXISTS (SELECT 1 FROM ContactSubscriptions s WHERE s.ContactId = c.Id AND s.CategoryId = $category AND s.IsSubscribed) " +
            "OR EXISTS (SELECT 1 FROM CustomFieldValues v WHERE v.ContactId = c.Id AND v.FieldId = $field AND v.NumberValue > 1000))";

        await Page("page: Active + has phone + country + clicked in 30 days", profileAndClicked, ProfileAndClickedSql, ("$since", since));
        await Count("exact count: Active + has phone + country + clicked in 30 days", profileAndClicked, ProfileAndClickedSql, ("$since", since));
        await Page("page: Active + (Newsletter OR lifetime value > 1000) + clicked in 30 days", orGroup, OrGroupSql,
            ("$since", since), ("$category", newsletter), ("$field", lifetimeValue));
        await Count("exact count: Active + (Newsletter OR lifetime value > 1000) + clicked in 30 days", orGroup, OrGroupSql,
            ("$since", since), ("$category", newsletter), ("$field", lifetimeValue));
        return;

        async Task Page(string scenario, SegmentRule rule, string where, params (string, object)[] parameters)
        {
            var query = new ContactListQuery { Filter = new ContactFilter { Rule = rule } };
            var shown = await queries.ListAsync(query, default);
            var note = shown.TotalKind switch
            {
                TotalKind.About => $"total: about {shown.TotalCount:N0} ±{shown.TotalMargin * 100:0}%",
                TotalKind.AtLeast => $"total: more than {shown.TotalCount:N0}",
                _ => $"total: {shown.TotalCount:N0}",
            };
            await context.MeasureAsync(Group, scenario, PageTarget, _ => queries.ListAsync(query, default),
                () => raw.PageAndCountAsync(where, newestFirst, 0, parameters), note);
        }

        async Task Count(string scenario, SegmentRule rule, string where, params (string, object)[] parameters)
        {
            var filter = new ContactFilter { Rule = rule };
            var note = $"count: {await queries.CountAsync(filter, default):N0}";
            await context.MeasureAsync(Group, scenario, CountTarget, _ => queries.CountAsync(filter, default),
                async () =>
                {
                    await using var count = raw.Command($"SELECT count(*) FROM Contacts c WHERE {where}", parameters);
                    await count.ExecuteScalarAsync();
                }, note);
        }
    }
}
