using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Segments;

/// <summary>The inputs of a condition row, by which an error is shown under the one that is wrong.</summary>
public enum ConditionInput { Value, Target, Days, Times }

/// <summary>
/// The builder's checks of what was typed, so a half-filled condition is never applied: each error names the input it
/// belongs under. The rule is checked again where it is used (a condition that cannot apply matches no one).
/// </summary>
public static class ConditionInputCheck
{
    public const int MaxAge = 150;

    public static IReadOnlyDictionary<ConditionInput, string> Errors(SegmentCondition condition, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var errors = new Dictionary<ConditionInput, string>();
        var shape = ConditionChoices.ShapeOf(condition, fields);
        var value = condition.Value?.Trim();
        if (value is { Length: > SegmentLimits.ValueMaxLength })
            errors[ConditionInput.Value] = $"At most {SegmentLimits.ValueMaxLength} characters.";
        else if (condition.Kind == ConditionKind.Category && condition.TargetId is null)
            errors[ConditionInput.Target] = "Pick a category.";
        else if (condition.Kind == ConditionKind.Event && string.IsNullOrEmpty(value))
            errors[ConditionInput.Value] = "Enter the event's type.";
        else if (condition.Kind != ConditionKind.Category && ConditionChoices.TakesValue(condition.Operator, shape) && ValueError(shape, condition.Operator, value) is { } error)
            errors[ConditionInput.Value] = error;

        if (ConditionChoices.TakesDays(condition.Operator, shape) && condition.Days is not (>= 1 and <= SegmentLimits.MaxDays))
            errors[ConditionInput.Days] = $"Enter a number of days from 1 to {SegmentLimits.MaxDays:N0}.";
        if (shape == ConditionShape.Count && condition.Times is not (>= 0 and <= SegmentLimits.MaxTimes))
            errors[ConditionInput.Times] = $"Enter a number of times from 0 to {SegmentLimits.MaxTimes:N0}.";
        return errors;
    }

    private static string? ValueError(ConditionShape shape, ConditionOperator op, string? value)
    {
        if (string.IsNullOrEmpty(value)) return shape is ConditionShape.Choice or ConditionShape.OneOf or ConditionShape.Boolean ? "Pick a value." : "Enter a value.";
        return shape switch
        {
            ConditionShape.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "Enter a number, e.g. 1000.",
            ConditionShape.Age when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > MaxAge =>
                $"Enter an age in whole years, up to {MaxAge}.",
            ConditionShape.Date or ConditionShape.Moment when op is ConditionOperator.Before or ConditionOperator.After
                && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "Enter a date as YYYY-MM-DD.",
            _ => null,
        };
    }
}
