using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>The check a rule passes before it runs or is saved: each error under the condition it is about, in words a marketer can act on.</summary>
public sealed class SegmentRuleCheckTests
{
    private static readonly CustomFieldDefinition Score = new() { Id = 1, Key = "score", Label = "Score", Type = CustomFieldType.Number };
    private static readonly CustomFieldDefinition Tier = new() { Id = 2, Key = "tier", Label = "Tier", Type = CustomFieldType.Choice, Options = ["Gold", "Silver"] };
    private static readonly CustomFieldDefinition Retired = new() { Id = 3, Key = "retired", Label = "Retired", Type = CustomFieldType.Text, ArchivedAt = DateTime.UtcNow };

    private static readonly SegmentReferences References = new(
        new Dictionary<int, CustomFieldDefinition> { [1] = Score, [2] = Tier, [3] = Retired }, new HashSet<int> { 10 }, new HashSet<int> { 20 });

    private static readonly SegmentCondition Valid = new() { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = "Active" };

    public static TheoryData<string, string> Errors => new()
    {
        { "days 0", "Enter a number of days from 1 to 3650." },
        { "days 3651", "Enter a number of days from 1 to 3650." },
        { "times 0 at least", "Enter a number of times from 1 to 10,000." },
        { "no event name", "Enter the event's name." },
        { "message without action", "Choose what the contact did with a message." },
        { "widget shown of a message", "Choose what the contact did with a message." },
        { "missing widget", "That widget no longer exists; choose another." },
        { "contains on a number", "'contains' does not apply to Score; choose another comparison." },
        { "number in words", "Score must be a number, e.g. 1250.50." },
        { "no number", "Enter a value for Score." },
        { "option not offered", "Tier must be one of: Gold, Silver." },
        { "archived field", "Retired is archived; choose another field." },
        { "deleted field", "That custom field no longer exists; choose another." },
        { "archived or deleted category", "That category no longer exists or is archived; choose another." },
        { "age over 150", "Enter an age in whole years from 0 to 150." },
        { "age with contains", "'contains' does not apply to an age; choose another comparison." },
        { "birth date not a date", "Enter a date as YYYY-MM-DD, e.g. 2026-03-14." },
        { "created contains", "'contains' does not apply to Created; choose another comparison." },
        { "unknown profile field", "Choose a profile field." },
        { "text is with no value", "Enter a value to compare City with." },
        { "unknown identifier", "Choose email, phone, External ID or push token." },
        { "email status by number", "Choose an email status." },
        { "source misspelt", "Choose a source." },
        { "gender unknown", "Choose a gender." },
        { "long value", "A value has at most 200 characters." },
    };

    private static readonly Dictionary<string, SegmentCondition> Conditions = new()
    {
        ["days 0"] = new() { Kind = ConditionKind.Message, Action = BehaviourAction.Clicked, Days = 0 },
        ["days 3651"] = new() { Kind = ConditionKind.Profile, Field = "CreatedAt", Operator = ConditionOperator.WithinLastDays, Days = 3651 },
        ["times 0 at least"] = new() { Kind = ConditionKind.Event, Value = "AddToCart", Operator = ConditionOperator.AtLeast, Times = 0, Days = 30 },
        ["no event name"] = new() { Kind = ConditionKind.Event, Value = " ", Operator = ConditionOperator.AtLeast, Times = 1, Days = 30 },
        ["message without action"] = new() { Kind = ConditionKind.Message, Days = 30 },
        ["widget shown of a message"] = new() { Kind = ConditionKind.Message, Action = BehaviourAction.Shown, Days = 30 },
        ["missing widget"] = new() { Kind = ConditionKind.Widget, Action = BehaviourAction.Shown, TargetId = 21, Days = 30 },
        ["contains on a number"] = new() { Kind = ConditionKind.CustomField, TargetId = 1, Operator = ConditionOperator.Contains, Value = "1" },
        ["number in words"] = new() { Kind = ConditionKind.CustomField, TargetId = 1, Operator = ConditionOperator.Greater, Value = "many" },
        ["no number"] = new() { Kind = ConditionKind.CustomField, TargetId = 1, Operator = ConditionOperator.Less },
        ["option not offered"] = new() { Kind = ConditionKind.CustomField, TargetId = 2, Operator = ConditionOperator.Is, Value = "Bronze" },
        ["archived field"] = new() { Kind = ConditionKind.CustomField, TargetId = 3, Operator = ConditionOperator.IsEmpty },
        ["deleted field"] = new() { Kind = ConditionKind.CustomField, TargetId = 4, Operator = ConditionOperator.IsEmpty },
        ["archived or deleted category"] = new() { Kind = ConditionKind.Category, TargetId = 11, Operator = ConditionOperator.Is },
        ["age over 150"] = new() { Kind = ConditionKind.Age, Operator = ConditionOperator.Greater, Value = "151" },
        ["age with contains"] = new() { Kind = ConditionKind.Age, Operator = ConditionOperator.Contains, Value = "30" },
        ["birth date not a date"] = new() { Kind = ConditionKind.Profile, Field = "BirthDate", Operator = ConditionOperator.Before, Value = "1990" },
        ["created contains"] = new() { Kind = ConditionKind.Profile, Field = "CreatedAt", Operator = ConditionOperator.Contains, Value = "2025" },
        ["unknown profile field"] = new() { Kind = ConditionKind.Profile, Field = "Nickname", Operator = ConditionOperator.IsEmpty },
        ["text is with no value"] = new() { Kind = ConditionKind.Profile, Field = "City", Operator = ConditionOperator.Is, Value = "  " },
        ["unknown identifier"] = new() { Kind = ConditionKind.Identifier, Field = "City", Operator = ConditionOperator.IsNotEmpty },
        ["email status by number"] = new() { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = "1" },
        ["source misspelt"] = new() { Kind = ConditionKind.Source, Operator = ConditionOperator.IsNot, Value = "Imprt" },
        ["gender unknown"] = new() { Kind = ConditionKind.Profile, Field = "Gender", Operator = ConditionOperator.Is, Value = "robot" },
        ["long value"] = new() { Kind = ConditionKind.Profile, Field = "City", Operator = ConditionOperator.Contains, Value = new string('a', 201) },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_condition_that_cannot_apply_gets_its_sentence_under_it(string name, string error)
    {
        var rule = new SegmentRule
        {
            Groups = [new ConditionGroup { Conditions = [Valid] }, new ConditionGroup { Join = RuleJoin.Or, Conditions = [Valid, Conditions[name]] }],
        };

        var errors = SegmentRuleCheck.Check(rule, References);

        Assert.False(errors.IsValid);
        Assert.Empty(errors.Rule);
        Assert.Equal(new Dictionary<ConditionPosition, string> { [new ConditionPosition(1, 1)] = error }, errors.Conditions);
    }

    public static TheoryData<string> ValidNames => [.. ValidConditions.Keys];

    private static readonly Dictionary<string, SegmentCondition> ValidConditions = new()
    {
        ["event at most 0 times"] = new() { Kind = ConditionKind.Event, Value = "AddToCart", Operator = ConditionOperator.AtMost, Times = 0, Days = 3650 },
        ["any message clicked"] = new() { Kind = ConditionKind.Message, Action = BehaviourAction.Clicked, Days = 1 },
        ["any widget"] = new() { Kind = ConditionKind.Widget, Action = BehaviourAction.Clicked, Days = 30 },
        ["a widget"] = new() { Kind = ConditionKind.Widget, Action = BehaviourAction.Shown, TargetId = 20, Days = 30 },
        ["option in another case"] = new() { Kind = ConditionKind.CustomField, TargetId = 2, Operator = ConditionOperator.IsNot, Value = "gold" },
        ["subscribed"] = new() { Kind = ConditionKind.Category, TargetId = 10, Operator = ConditionOperator.IsNot },
        ["has push token"] = new() { Kind = ConditionKind.Identifier, Field = "PushToken", Operator = ConditionOperator.IsNotEmpty },
        ["age 0"] = new() { Kind = ConditionKind.Age, Operator = ConditionOperator.Is, Value = "0" },
        ["value of 200 characters"] = new() { Kind = ConditionKind.Profile, Field = "Street", Operator = ConditionOperator.Contains, Value = new string('a', 200) },
        ["source in lower case"] = new() { Kind = ConditionKind.Source, Operator = ConditionOperator.Is, Value = "import" },
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void A_condition_that_applies_passes(string name)
    {
        var errors = SegmentRuleCheck.Check(new SegmentRule { Groups = [new ConditionGroup { Conditions = [ValidConditions[name]] }] }, References);

        Assert.True(errors.IsValid, string.Join(" ", errors.Conditions.Values));
    }

    [Fact]
    public void A_rule_of_too_many_groups_or_conditions_says_so()
    {
        var group = new ConditionGroup { Conditions = [.. Enumerable.Repeat(Valid, SegmentLimits.MaxConditionsPerGroup)] };
        var crowded = group with { Conditions = [.. Enumerable.Repeat(Valid, SegmentLimits.MaxConditionsPerGroup + 1)] };

        var atLimit = SegmentRuleCheck.Check(new SegmentRule { Groups = [.. Enumerable.Repeat(group, SegmentLimits.MaxGroups)] }, References);
        var over = SegmentRuleCheck.Check(new SegmentRule { Groups = [.. Enumerable.Repeat(group, SegmentLimits.MaxGroups), crowded] }, References);

        Assert.True(atLimit.IsValid);
        Assert.Equal(
            ["A segment has at most 10 groups of conditions; remove 1.", "Group 11 has 11 conditions; a group has at most 10."],
            over.Rule);
        Assert.Empty(over.Conditions);
    }

    [Fact]
    public void Every_operator_declared_for_a_kind_has_a_label_a_marketer_reads()
    {
        var labels = Enum.GetValues<ConditionKind>().SelectMany(kind => Enum.GetValues<ConditionOperator>().Select(op => SegmentOperators.Label(kind, op)));

        Assert.All(labels, label => Assert.Matches("^[a-z][a-z ]+$", label));
        Assert.All(Enum.GetValues<BehaviourAction>(), action => Assert.Matches("^[a-z][a-z ]+$", SegmentOperators.Label(action)));
    }
}
