using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The grid showing a segment (issue 20): profile conditions and "clicked any message in the last 30 days", a page with
/// its estimated or capped total and the exact count; and a rule with an OR group and a custom field. Each baseline is
/// the same rule written by hand the way the app reads it: a page walks the sort's index and checks each contact, the
/// behaviour as an EXISTS probe of the activities' (ContactId, Status, OccurredAt) index; a count starts from the list
/// of who clicked, read once from the (Status, OccurredAt, Channel, ContactId) index, and looks each of them up.
/// </summary>
public static class SegmentBench
{
    private const string Group = "segments";
    private const string PageTarget = "< 100 ms";
    private const string CountTarget = "< 2 s";

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRaw();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var queries = context.Create<ContactQueries>();
        var newestFirst = connection.Order("CreatedAt", descending: true);
        await using var ids = raw.Command("""
            SELECT (SELECT Id FROM SubscriptionCategories WHERE Key = 'newsletter'),
                   (SELECT Id FROM CustomFieldDefinitions WHERE Key = 'lifetime_value')
            """);
        int newsletter, lifetimeValue;
        await using (var reader = await ids.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (newsletter, lifetimeValue) = (reader.GetInt32(0), reader.GetInt32(1));
        }
        // "The last 30 days" as the app counts them back from its own clock at each call: taken afresh per scenario.
        object Since() => connection.Dialect.Time(DateTime.UtcNow.AddDays(-30));

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
            "AND a.Status = 'Clicked' AND a.OccurredAt >= @since AND a.Channel NOT IN ('App', 'Website', 'WebWidget'))";
        const string ClickedList = "JOIN (SELECT DISTINCT a.ContactId FROM Activities a WHERE a.Status = 'Clicked' " +
            "AND a.OccurredAt >= @since AND a.Channel NOT IN ('App', 'Website', 'WebWidget')) k ON k.ContactId = c.Id";
        const string ProfileSql = "c.EmailStatus = 'Active' AND c.Phone IS NOT NULL AND c.Phone <> '' AND c.Country IS NOT NULL AND c.Country <> ''";
        // The OR group after the probe of clicks: the group is then read only for the few who clicked.
        const string NewsletterOrValueSql =
            "(EXISTS (SELECT 1 FROM ContactSubscriptions s WHERE s.ContactId = c.Id AND s.CategoryId = @category AND s.IsSubscribed) " +
            "OR EXISTS (SELECT 1 FROM CustomFieldValues v WHERE v.ContactId = c.Id AND v.FieldId = @field AND v.NumberValue > 1000))";
        var profileAndClickedSql = new RawSegment(ProfileSql + " AND " + ClickedSql, ClickedList, ProfileSql);
        var orGroupSql = new RawSegment(
            $"c.EmailStatus = 'Active' AND {ClickedSql} AND {NewsletterOrValueSql}", ClickedList, $"c.EmailStatus = 'Active' AND {NewsletterOrValueSql}");

        await Page("page: Active + has phone + country + clicked in 30 days", profileAndClicked, profileAndClickedSql, ("@since", Since()));
        await Count("exact count: Active + has phone + country + clicked in 30 days", profileAndClicked, profileAndClickedSql, ("@since", Since()));
        await Page("page: Active + (Newsletter OR lifetime value > 1000) + clicked in 30 days", orGroup, orGroupSql,
            ("@since", Since()), ("@category", newsletter), ("@field", lifetimeValue));
        await Count("exact count: Active + (Newsletter OR lifetime value > 1000) + clicked in 30 days", orGroup, orGroupSql,
            ("@since", Since()), ("@category", newsletter), ("@field", lifetimeValue));
        return;

        async Task Page(string scenario, SegmentRule rule, RawSegment sql, params (string Name, object Value)[] parameters)
        {
            var query = new ContactListQuery { Filter = new ContactFilter { Rule = rule } };
            var shown = await queries.ListAsync(query, default);
            var note = shown.TotalKind switch
            {
                TotalKind.About => $"total: about {shown.TotalCount:N0} ±{shown.TotalMargin * 100:0}%",
                TotalKind.AtLeast => $"total: more than {shown.TotalCount:N0}",
                _ => $"total: {shown.TotalCount:N0}",
            };
            await GridBench.MeasurePageAsync(context, raw, scenario, PageTarget, () => queries.ListAsync(query, default),
                () => raw.PageAndCountAsync(sql.ListJoin, sql.ListWhere, sql.Probe, newestFirst, 0, parameters), note, Group);
        }

        async Task Count(string scenario, SegmentRule rule, RawSegment sql, params (string Name, object Value)[] parameters)
        {
            var filter = new ContactFilter { Rule = rule };
            // The app's 30 days end at its call: its count lies between the raw counts from just before and just after it.
            var before = await RawCountAsync(Since());
            var counted = await queries.CountAsync(filter, default);
            var after = await RawCountAsync(Since());
            var note = $"count: {counted:N0}";
            context.ExpectSameRows(Group, scenario, counted <= before && counted >= after ? null : $"count differs: app {counted:N0}, raw {after:N0} to {before:N0}");
            await context.MeasureAsync(Group, scenario, CountTarget, _ => queries.CountAsync(filter, default), () => RawCountAsync(Since()), note);
            return;

            async Task<long> RawCountAsync(object since)
            {
                await using var count = raw.Command($"SELECT count(*) FROM Contacts c {sql.ListJoin} WHERE {sql.ListWhere}",
                    [.. parameters.Where(p => p.Name != "@since"), ("@since", since)]);
                return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
        }
    }
}

/// <summary>A rule written by hand twice: as a test of each contact (after WHERE), and as a list of ids to start from plus the rest.</summary>
internal sealed record RawSegment(string Probe, string ListJoin, string ListWhere);
