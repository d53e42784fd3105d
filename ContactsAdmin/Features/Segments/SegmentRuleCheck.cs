using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Segments;

/// <summary>Where a condition sits in its rule: the group's index and the condition's index in it.</summary>
public readonly record struct ConditionPosition(int Group, int Condition);

/// <summary>What is wrong with a rule: a sentence per condition (shown under it) and sentences about the rule as a whole.</summary>
public sealed record SegmentRuleErrors(IReadOnlyDictionary<ConditionPosition, string> Conditions, IReadOnlyList<string> Rule)
{
    public bool IsValid => Conditions.Count == 0 && Rule.Count == 0;
}

/// <summary>
/// What a rule's conditions refer to, looked up once: custom fields (archived ones too, to say so), the categories that
/// are not archived, and the widgets.
/// </summary>
public sealed record SegmentReferences(
    IReadOnlyDictionary<int, CustomFieldDefinition> Fields, IReadOnlySet<int> Categories, IReadOnlySet<int> Widgets)
{
    public static readonly SegmentReferences None = new(new Dictionary<int, CustomFieldDefinition>(), new HashSet<int>(), new HashSet<int>());

    /// <summary>Reads only the kinds of reference the rule has (a rule of profile conditions reads nothing).</summary>
    public static async Task<SegmentReferences> LoadAsync(AppDbContext db, SegmentRule rule, CancellationToken ct)
    {
        var kinds = rule.Conditions.Select(c => c.Kind).ToHashSet();
        var fields = kinds.Contains(ConditionKind.CustomField)
            ? await db.CustomFieldDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Id, ct)
            : [];
        var categories = kinds.Contains(ConditionKind.Category)
            ? await db.SubscriptionCategories.AsNoTracking().Where(c => c.ArchivedAt == null).Select(c => c.Id).ToListAsync(ct)
            : [];
        var widgets = kinds.Contains(ConditionKind.Widget) ? await db.Widgets.AsNoTracking().Select(w => w.Id).ToListAsync(ct) : [];
        return new SegmentReferences(fields, categories.ToHashSet(), widgets.ToHashSet());
    }
}

/// <summary>
/// Checks a rule before it is run or saved, in sentences a marketer can act on, each under the condition it is about.
/// <see cref="SegmentPredicates"/> runs the same check: a condition that fails it matches no one.
/// </summary>
public static class SegmentRuleCheck
{
    public const int MaxAge = 150;

    public static SegmentRuleErrors Check(SegmentRule rule, SegmentReferences references)
    {
        var ruleErrors = new List<string>();
        if (rule.Groups.Count > SegmentLimits.MaxGroups)
            ruleErrors.Add($"A segment has at most {SegmentLimits.MaxGroups} groups of conditions; remove {rule.Groups.Count - SegmentLimits.MaxGroups}.");
        var conditionErrors = new Dictionary<ConditionPosition, string>();
        for (var g = 0; g < rule.Groups.Count; g++)
        {
            var conditions = rule.Groups[g].Conditions;
            if (conditions.Count > SegmentLimits.MaxConditionsPerGroup)
                ruleErrors.Add($"Group {g + 1} has {conditions.Count} conditions; a group has at most {SegmentLimits.MaxConditionsPerGroup}.");
            for (var c = 0; c < conditions.Count; c++)
            {
                if (ConditionError(conditions[c], references) is { } error) conditionErrors[new ConditionPosition(g, c)] = error;
            }
        }
        return new SegmentRuleErrors(conditionErrors, ruleErrors);
    }

    /// <summary>Why the condition cannot apply, or null when it can.</summary>
    public static string? ConditionError(SegmentCondition condition, SegmentReferences references)
    {
        if (condition.Value is { Length: > SegmentLimits.ValueMaxLength })
            return $"A value has at most {SegmentLimits.ValueMaxLength} characters.";
        return condition.Kind switch
        {
            ConditionKind.Profile => ProfileError(condition),
            ConditionKind.Age => OperatorError(condition, "an age")
                ?? (WholeNumber(condition.Value, 0, MaxAge) is null ? $"Enter an age in whole years from 0 to {MaxAge}." : null),
            ConditionKind.Identifier => !SegmentOperators.IdentifierFields.Contains(condition.Field)
                ? "Choose email, phone, External ID or push token."
                : OperatorError(condition, "an identifier"),
            ConditionKind.CustomField => CustomFieldError(condition, references),
            ConditionKind.Category => condition.TargetId is { } category && references.Categories.Contains(category)
                ? OperatorError(condition, "a category")
                : "That category no longer exists or is archived; choose another.",
            ConditionKind.EmailStatus => OperatorError(condition, "email status")
                ?? (EnumName<EmailStatus>(condition.Value) is null ? "Choose an email status." : null),
            ConditionKind.Source => OperatorError(condition, "source")
                ?? (EnumName<ContactSource>(condition.Value) is null ? "Choose a source." : null),
            ConditionKind.Message => ActionError(condition, "a message") ?? DaysError(condition.Days)
                ?? (condition.Value is { } name && string.IsNullOrWhiteSpace(name) ? "Enter the message's name, or leave it out for any message." : null),
            ConditionKind.Event => OperatorError(condition, "an event")
                ?? (string.IsNullOrWhiteSpace(condition.Value) ? "Enter the event's name." : null)
                ?? DaysError(condition.Days) ?? TimesError(condition),
            ConditionKind.Widget => ActionError(condition, "a widget") ?? DaysError(condition.Days)
                ?? (condition.TargetId is { } widget && !references.Widgets.Contains(widget) ? "That widget no longer exists; choose another." : null),
            _ => "Choose what the condition is about.",
        };
    }

    private static string? ProfileError(SegmentCondition condition)
    {
        if (ProfileLabel(condition.Field) is not { } label) return "Choose a profile field.";
        if (OperatorError(condition, label) is { } error) return error;
        return (condition.Field, condition.Operator) switch
        {
            (_, ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty) => null,
            (_, ConditionOperator.WithinLastDays) => DaysError(condition.Days),
            (_, ConditionOperator.Before or ConditionOperator.After) => Day(condition.Value) is null ? DateHint : null,
            ("Gender", _) => EnumName<Gender>(condition.Value) is null ? "Choose a gender." : null,
            _ => string.IsNullOrWhiteSpace(condition.Value) ? $"Enter a value to compare {label} with." : null,
        };
    }

    private static string? CustomFieldError(SegmentCondition condition, SegmentReferences references)
    {
        if (condition.TargetId is not { } id || !references.Fields.TryGetValue(id, out var field)) return "That custom field no longer exists; choose another.";
        if (field.ArchivedAt is not null) return $"{field.Label} is archived; choose another field.";
        if (!SegmentOperators.Allows(condition, field.Type))
            return $"'{SegmentOperators.Label(condition.Kind, condition.Operator)}' does not apply to {field.Label}; choose another comparison.";
        if (condition.Operator is ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty) return null;
        if (condition.Operator == ConditionOperator.WithinLastDays) return DaysError(condition.Days);
        var value = CustomFieldRules.Value(field, condition.Value);
        return !value.IsValid ? value.Error : value.Value is null ? $"Enter a value for {field.Label}." : null;
    }

    private static string? OperatorError(SegmentCondition condition, string what) => SegmentOperators.Allows(condition)
        ? null
        : $"'{SegmentOperators.Label(condition.Kind, condition.Operator)}' does not apply to {what}; choose another comparison.";

    private static string? ActionError(SegmentCondition condition, string what) =>
        OperatorError(condition, what) ?? (condition.Action is { } action && SegmentOperators.ActionsFor(condition.Kind).Contains(action)
            ? null
            : $"Choose what the contact did with {what}.");

    private static string? DaysError(int? days) =>
        days is >= 1 and <= SegmentLimits.MaxDays ? null : $"Enter a number of days from 1 to {SegmentLimits.MaxDays}.";

    private static string? TimesError(SegmentCondition condition)
    {
        // "At most 0 times" is "never"; "at least 0 times" would be everyone, which is no condition.
        var least = condition.Operator == ConditionOperator.AtMost ? 0 : 1;
        return condition.Times >= least && condition.Times <= SegmentLimits.MaxTimes
            ? null
            : $"Enter a number of times from {least} to {SegmentLimits.MaxTimes:N0}.";
    }

    private const string DateHint = "Enter a date as YYYY-MM-DD, e.g. 2026-03-14.";

    private static string? ProfileLabel(string? field) => field switch
    {
        SegmentOperators.CreatedAt => "Created",
        SegmentOperators.LastEditAt => "Last edit",
        _ => ProfileFields.All.FirstOrDefault(f => f.Key == field)?.Label,
    };

    /// <summary>A day typed as YYYY-MM-DD, or null.</summary>
    internal static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A whole number in [min, max] typed in digits, or null.</summary>
    internal static int? WholeNumber(string? value, int min, int max) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? number : null;

    /// <summary>An enum member by its name (any case; not by its number, which a user never types), or null.</summary>
    internal static TEnum? EnumName<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;
}
