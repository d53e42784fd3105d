using Bunit;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Components;

public class ConditionBuilderTests : ComponentTestContext
{
    private static readonly SubscriptionCategory Newsletter = new() { Id = 4, Name = "Newsletter" };

    private static SegmentCondition Active => new() { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = "Active" };

    private static readonly SegmentRule ActiveAndNewsletterOrImported = new()
    {
        Groups =
        [
            new ConditionGroup { Conditions = [Active] },
            new ConditionGroup
            {
                Join = RuleJoin.Or,
                Conditions =
                [
                    new SegmentCondition { Kind = ConditionKind.Category, Operator = ConditionOperator.Is, TargetId = Newsletter.Id },
                    new SegmentCondition { Kind = ConditionKind.Source, Operator = ConditionOperator.Is, Value = "Import" },
                ],
            },
        ],
    };

    private readonly List<SegmentRule?> applied = [];

    private IRenderedComponent<ConditionBuilder> Builder(SegmentRule? rule, bool expanded = true) =>
        Render<ConditionBuilder>(p => p
            .Add(c => c.Rule, rule).Add(c => c.StartExpanded, expanded)
            .Add(c => c.Fields, []).Add(c => c.Categories, [Newsletter]).Add(c => c.Widgets, [])
            .Add(c => c.Applied, r => applied.Add(r)));

    private static SegmentRule Repeat(int groups, int conditionsEach) => new()
    {
        Groups = [.. Enumerable.Range(0, groups).Select(_ => new ConditionGroup { Conditions = [.. Enumerable.Repeat(Active, conditionsEach)] })],
    };

    [Fact]
    public void It_is_collapsed_until_opened_and_says_how_many_conditions_apply()
    {
        var builder = Builder(ActiveAndNewsletterOrImported, expanded: false);

        Assert.Empty(builder.FindAll("#condition-groups"));
        Assert.Equal("false", builder.Find("#conditions-toggle").GetAttribute("aria-expanded"));
        Assert.Contains("Conditions (3)", builder.Find("#conditions-toggle").TextContent);

        builder.Find("#conditions-toggle").Click();

        Assert.Equal(3, builder.FindAll(".condition-row").Count);
        Assert.Equal("true", builder.Find("#conditions-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void A_rule_opened_in_the_builder_applies_unchanged()
    {
        var builder = Builder(ActiveAndNewsletterOrImported);

        Assert.Equal(["condition 1 of group 1", "condition 1 of group 2", "condition 2 of group 2"],
            builder.FindAll(".condition-row").Select(r => r.GetAttribute("aria-label")));
        Assert.Equal("AND", builder.Find(".join-groups").TextContent.Trim());
        Assert.Equal("OR", builder.Find(".join-conditions").TextContent.Trim());

        builder.Find("#apply-conditions").Click();

        Assert.Equal(ActiveAndNewsletterOrImported, Assert.Single(applied));
    }

    [Fact]
    public void The_join_toggles_switch_between_AND_and_OR()
    {
        var builder = Builder(ActiveAndNewsletterOrImported);

        builder.Find(".join-groups").Click();
        builder.Find(".join-conditions").Click();
        builder.Find("#apply-conditions").Click();

        var rule = Assert.Single(applied)!;
        Assert.Equal(RuleJoin.Or, rule.Join);
        Assert.Equal(RuleJoin.And, rule.Groups[1].Join);
    }

    [Fact]
    public void Adding_and_removing_conditions_and_groups_shapes_the_rule()
    {
        var builder = Builder(null);

        builder.Find("#add-first-condition").Click();
        builder.Find("#add-group").Click();
        builder.Find(".add-condition[aria-label='Add condition to group 2']").Click();
        builder.Find("button[aria-label='Remove condition 1 of group 1']").Click();
        builder.Find("#apply-conditions").Click();

        var rule = Assert.Single(applied)!;
        Assert.Equal(2, Assert.Single(rule.Groups).Conditions.Count);
        Assert.All(rule.Conditions, c => Assert.Equal(Active, c));
    }

    [Fact]
    public void Adding_stops_at_the_limits()
    {
        var full = Builder(Repeat(SegmentLimits.MaxGroups, SegmentLimits.MaxConditionsPerGroup));

        Assert.True(full.Find("#add-group").HasAttribute("disabled"));
        Assert.All(full.FindAll(".add-condition"), b => Assert.True(b.HasAttribute("disabled")));

        var roomy = Builder(Repeat(1, 1));
        Assert.False(roomy.Find("#add-group").HasAttribute("disabled"));
        Assert.False(roomy.Find(".add-condition").HasAttribute("disabled"));
    }

    [Fact]
    public void An_incomplete_condition_is_marked_under_its_input_and_nothing_is_applied()
    {
        var rule = new SegmentRule
        {
            Groups = [new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.Event, Operator = ConditionOperator.AtLeast, Times = 2, Days = 99_999 }] }],
        };
        var builder = Builder(rule);

        builder.Find("#apply-conditions").Click();

        Assert.Empty(applied);
        Assert.Contains("Enter the event's type.", builder.Markup);
        Assert.Contains($"Enter a number of days from 1 to {SegmentLimits.MaxDays:N0}.", builder.Markup);
        Assert.NotNull(builder.Find("#conditions-error"));
    }

    [Fact]
    public void Clear_removes_the_conditions()
    {
        var builder = Builder(ActiveAndNewsletterOrImported);

        builder.Find("#clear-conditions").Click();

        Assert.Null(Assert.Single(applied));
        Assert.Empty(builder.FindAll(".condition-row"));
    }

    [Fact]
    public void Every_input_of_every_kind_of_condition_has_a_label()
    {
        var fields = new List<CustomFieldDefinition>
        {
            new() { Id = 1, Label = "Lifetime value", Type = CustomFieldType.Number },
            new() { Id = 2, Label = "Plan", Type = CustomFieldType.Choice, Options = ["Free", "Pro"] },
        };
        var conditions = ConditionChoices.All(fields, hasCategories: true).Select(choice => ConditionChoices.Start(choice.Key, fields)).ToList();
        var rule = new SegmentRule { Groups = [.. conditions.Chunk(SegmentLimits.MaxConditionsPerGroup).Select(c => new ConditionGroup { Conditions = c })] };

        var builder = Render<ConditionBuilder>(p => p
            .Add(c => c.Rule, rule).Add(c => c.StartExpanded, true)
            .Add(c => c.Fields, fields).Add(c => c.Categories, [Newsletter]).Add(c => c.Widgets, [])
            .Add(c => c.Applied, _ => { }));

        Assert.Equal(conditions.Count, builder.FindAll(".condition-row").Count);
        var inputs = builder.FindAll(".condition-row input:not([type=hidden])");
        // Selects draw no text input of their own; every row has at least its "Condition on" picker and its label.
        Assert.NotEmpty(inputs);
        Assert.All(builder.FindAll(".condition-row"), row => Assert.Contains("Condition on", row.TextContent));
        Assert.All(inputs, input =>
            Assert.True(input.GetAttribute("id") is { } id && builder.FindAll($"label[for='{id}']").Count > 0 || input.HasAttribute("aria-label"),
                input.OuterHtml));
    }
}
