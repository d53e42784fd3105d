using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Segments;

/// <summary>What a condition's value looks like, which decides its operators and its inputs in the builder.</summary>
public enum ConditionShape
{
    Text, Choice, Number, Boolean,
    /// <summary>A date that may be missing (birth date, a custom date field).</summary>
    Date,
    /// <summary>A date every contact has (created, last edit).</summary>
    Moment,
    Age,
    /// <summary>An identifier present or missing.</summary>
    Presence,
    /// <summary>One of a fixed list, is or is not (email status, source, a category's subscription).</summary>
    OneOf,
    /// <summary>A message or a widget: the action says what happened.</summary>
    Behaviour,
    /// <summary>An event at least / at most N times.</summary>
    Count,
}

/// <summary>One entry of the builder's "Condition on" picker.</summary>
/// <param name="Key">Stable text naming the kind and its field or target, e.g. "profile:FirstName" or "field:12".</param>
public sealed record ConditionChoice(string Key, string Label);

/// <summary>
/// The builder's vocabulary: which conditions can be picked, which operators and inputs each takes, and how they read.
/// UI only: what a condition means in SQL is SegmentPredicates' business.
/// </summary>
public static class ConditionChoices
{
    public const string CreatedAt = SegmentOperators.CreatedAt;
    public const string LastEditAt = SegmentOperators.LastEditAt;

    /// <summary>The identifiers a contact has or lacks (SegmentOperators' list), with how the picker names them.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Identifiers =
        [.. SegmentOperators.IdentifierFields.Select(field => (field, field switch
        {
            SegmentOperators.PushToken => "Has push token",
            "ExternalId" => "Has External ID",
            _ => "Has " + field.ToLowerInvariant(),
        }))];

    /// <summary>Everything a condition can be on, in the order the picker lists it (profile, identifiers, custom fields, subscriptions, behaviour).</summary>
    public static IReadOnlyList<ConditionChoice> All(IReadOnlyList<CustomFieldDefinition> fields, bool hasCategories) =>
    [
        .. ProfileFields.All.Select(f => new ConditionChoice(KeyOf(ConditionKind.Profile, f.Key), f.Label)),
        new(KeyOf(ConditionKind.Profile, CreatedAt), "Created"),
        new(KeyOf(ConditionKind.Profile, LastEditAt), "Last edit"),
        new(KeyOf(ConditionKind.Age), "Age"),
        new(KeyOf(ConditionKind.Source), "Source"),
        .. Identifiers.Select(i => new ConditionChoice(KeyOf(ConditionKind.Identifier, i.Field), i.Label)),
        .. fields.Select(f => new ConditionChoice(KeyOf(ConditionKind.CustomField, null, f.Id), f.Label)),
        .. hasCategories ? [new ConditionChoice(KeyOf(ConditionKind.Category), "Subscription category")] : Array.Empty<ConditionChoice>(),
        new(KeyOf(ConditionKind.EmailStatus), "Email status"),
        new(KeyOf(ConditionKind.Message), "Message"),
        new(KeyOf(ConditionKind.Event), "Event"),
        new(KeyOf(ConditionKind.Widget), "Widget"),
    ];

    /// <summary>The picker's key of a condition (its kind, and the field or custom field it is on).</summary>
    public static string KeyOf(SegmentCondition condition) => KeyOf(condition.Kind, condition.Field, condition.TargetId);

    private static string KeyOf(ConditionKind kind, string? field = null, int? fieldId = null) => kind switch
    {
        ConditionKind.Profile or ConditionKind.Identifier => $"{kind}:{field}",
        ConditionKind.CustomField => $"{kind}:{fieldId?.ToString(CultureInfo.InvariantCulture)}",
        _ => kind.ToString(),
    };

    /// <summary>A fresh condition for a picked key, with the first operator that fits and sensible periods.</summary>
    public static SegmentCondition Start(string key, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var parts = key.Split(':', 2);
        var kind = Enum.Parse<ConditionKind>(parts[0]);
        var detail = parts.Length > 1 ? parts[1] : null;
        var condition = kind switch
        {
            ConditionKind.Profile or ConditionKind.Identifier => new SegmentCondition { Kind = kind, Field = detail },
            ConditionKind.CustomField => new SegmentCondition { Kind = kind, TargetId = int.Parse(detail!, CultureInfo.InvariantCulture) },
            ConditionKind.EmailStatus => new SegmentCondition { Kind = kind, Value = nameof(EmailStatus.Active) },
            ConditionKind.Message => new SegmentCondition { Kind = kind, Action = BehaviourAction.Received, Days = DefaultDays },
            ConditionKind.Event => new SegmentCondition { Kind = kind, Times = 1, Days = DefaultDays },
            ConditionKind.Widget => new SegmentCondition { Kind = kind, Action = BehaviourAction.Shown, Days = DefaultDays },
            _ => new SegmentCondition { Kind = kind },
        };
        return condition with { Operator = Operators(condition, fields) is [var first, ..] ? first : default };
    }

    /// <summary>The condition a new row starts with: one most audiences begin from.</summary>
    public static SegmentCondition First => new() { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = nameof(EmailStatus.Active) };

    public static ConditionShape ShapeOf(SegmentCondition condition, IReadOnlyList<CustomFieldDefinition> fields) => condition.Kind switch
    {
        ConditionKind.Profile when condition.Field is CreatedAt or LastEditAt => ConditionShape.Moment,
        ConditionKind.Profile => ProfileFields.All.FirstOrDefault(f => f.Key == condition.Field)?.Input switch
        {
            FieldInput.Date => ConditionShape.Date,
            FieldInput.Choice => ConditionShape.Choice,
            _ => ConditionShape.Text,
        },
        ConditionKind.Age => ConditionShape.Age,
        ConditionKind.Identifier => ConditionShape.Presence,
        ConditionKind.CustomField => fields.FirstOrDefault(f => f.Id == condition.TargetId)?.Type switch
        {
            CustomFieldType.Number => ConditionShape.Number,
            CustomFieldType.Date => ConditionShape.Date,
            CustomFieldType.Boolean => ConditionShape.Boolean,
            CustomFieldType.Choice or CustomFieldType.MultiChoice => ConditionShape.Choice,
            _ => ConditionShape.Text,
        },
        ConditionKind.Category or ConditionKind.EmailStatus or ConditionKind.Source => ConditionShape.OneOf,
        ConditionKind.Message or ConditionKind.Widget => ConditionShape.Behaviour,
        _ => ConditionShape.Count,
    };

    /// <summary>The operators the condition may use, first the one a new condition starts with: SegmentOperators' list, the one the check and the SQL follow.</summary>
    public static IReadOnlyList<ConditionOperator> Operators(SegmentCondition condition, IReadOnlyList<CustomFieldDefinition> fields) => condition.Kind switch
    {
        ConditionKind.Profile => SegmentOperators.ForProfileField(condition.Field),
        ConditionKind.CustomField => fields.FirstOrDefault(f => f.Id == condition.TargetId) is { } field ? SegmentOperators.ForCustomField(field.Type) : [],
        _ => SegmentOperators.ForKind(condition.Kind),
    };

    /// <summary>The operator's words (SegmentOperators'), but "yes" / "no" after a picker entry that already says "Has email".</summary>
    public static string OperatorLabel(ConditionOperator op, ConditionKind kind) => (kind, op) switch
    {
        (ConditionKind.Identifier, ConditionOperator.IsNotEmpty) => "yes",
        (ConditionKind.Identifier, ConditionOperator.IsEmpty) => "no",
        _ => SegmentOperators.Label(kind, op),
    };

    /// <summary>The values "is" can take for email status and source, as the grid names them.</summary>
    public static IReadOnlyList<(string Value, string Label)> EnumValues(ConditionKind kind) => kind switch
    {
        ConditionKind.EmailStatus => [.. Enum.GetValues<EmailStatus>().Select(s => (s.ToString(), EmailStatusLabel.Of(s)))],
        _ => [.. Enum.GetValues<ContactSource>().Select(s => (s.ToString(), ContactSourceLabel.Of(s)))],
    };

    /// <summary>Whether the operator takes a value typed or picked (is empty, in the last N days: none).</summary>
    public static bool TakesValue(ConditionOperator op, ConditionShape shape) =>
        shape is not (ConditionShape.Presence or ConditionShape.Behaviour or ConditionShape.Count)
        && op is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty or ConditionOperator.WithinLastDays);

    /// <summary>Whether the condition counts back a number of days.</summary>
    public static bool TakesDays(ConditionOperator op, ConditionShape shape) =>
        shape is ConditionShape.Behaviour or ConditionShape.Count || op == ConditionOperator.WithinLastDays;

    public const int DefaultDays = 30;
}
