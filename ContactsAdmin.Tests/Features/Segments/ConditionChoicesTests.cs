using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Tests.Features.Segments;

public class ConditionChoicesTests
{
    private static readonly List<CustomFieldDefinition> Fields =
    [
        new() { Id = 1, Label = "Lifetime value", Type = CustomFieldType.Number },
        new() { Id = 2, Label = "Renewal", Type = CustomFieldType.Date },
        new() { Id = 3, Label = "VIP", Type = CustomFieldType.Boolean },
    ];

    [Fact]
    public void Every_kind_the_picker_offers_starts_with_an_operator_it_takes_and_keys_back_to_itself()
    {
        var choices = ConditionChoices.All(Fields, hasCategories: true);

        Assert.Equal(choices.Count, choices.Select(c => c.Key).Distinct().Count());
        Assert.All(choices, choice =>
        {
            var condition = ConditionChoices.Start(choice.Key, Fields);
            Assert.Equal(choice.Key, ConditionChoices.KeyOf(condition));
            Assert.Contains(condition.Operator, ConditionChoices.Operators(condition, Fields));
        });
        Assert.Contains(Enum.GetValues<ConditionKind>(), kind => choices.Any(c => ConditionChoices.Start(c.Key, Fields).Kind == kind));
    }

    [Theory]
    [InlineData("Profile:BirthDate", ConditionShape.Date)]
    [InlineData("Profile:CreatedAt", ConditionShape.Moment)]
    [InlineData("Profile:Gender", ConditionShape.Choice)]
    [InlineData("Profile:City", ConditionShape.Text)]
    [InlineData("CustomField:1", ConditionShape.Number)]
    [InlineData("CustomField:2", ConditionShape.Date)]
    [InlineData("CustomField:3", ConditionShape.Boolean)]
    [InlineData("Identifier:PushToken", ConditionShape.Presence)]
    [InlineData("Event", ConditionShape.Count)]
    public void A_condition_takes_the_inputs_of_its_values_type(string key, ConditionShape shape)
    {
        Assert.Equal(shape, ConditionChoices.ShapeOf(ConditionChoices.Start(key, Fields), Fields));
    }

    [Fact]
    public void Typed_values_are_checked_before_they_are_applied()
    {
        static IReadOnlyDictionary<ConditionInput, string> Check(SegmentCondition c) => ConditionInputCheck.Errors(c, Fields);
        var number = ConditionChoices.Start("CustomField:1", Fields);
        var date = ConditionChoices.Start("Profile:BirthDate", Fields);

        Assert.Contains(ConditionInput.Value, Check(number with { Value = "lots" }).Keys);
        Assert.Empty(Check(number with { Value = "1000.5" }));
        Assert.Empty(Check(number with { Operator = ConditionOperator.IsEmpty }));
        Assert.Contains(ConditionInput.Value, Check(date with { Value = "05/12/2026" }).Keys);
        Assert.Empty(Check(date with { Value = "2026-12-05" }));
        Assert.Contains(ConditionInput.Days, Check(date with { Operator = ConditionOperator.WithinLastDays, Days = 0 }).Keys);
        Assert.Contains(ConditionInput.Value, Check(number with { Value = new string('9', SegmentLimits.ValueMaxLength + 1) }).Keys);
        Assert.Contains(ConditionInput.Target, Check(ConditionChoices.Start("Category", Fields)).Keys);
        Assert.Empty(Check(ConditionChoices.Start("Message", Fields)));
    }
}
