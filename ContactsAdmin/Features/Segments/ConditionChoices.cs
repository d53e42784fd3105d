using System.Globalization;
using ContactsAdmin.Data;
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
    public const string CreatedAt = "CreatedAt";
    public const string LastEditAt = "LastEditAt";
    /// <summary>The identifiers a contact has or lacks, with how the picker names them.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Identifiers =
        [("Email", "Has email"), ("Phone", "Has phone"), ("PushToken", "Has push token"), ("ExternalId", "Has External ID")];

    public static readonly IReadOnlyList<BehaviourAction> MessageActions =
        [BehaviourAction.Received, BehaviourAction.Opened, BehaviourAction.Clicked, BehaviourAction.NotOpened];
    public static readonly IReadOnlyList<BehaviourAction> WidgetActions = [BehaviourAction.Shown, BehaviourAction.Clicked];

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
        return condition with { Operator = Operators(ShapeOf(condition, fields))[0] };
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

    /// <summary>The operators a shape offers, first the one a new condition starts with.</summary>
    public static IReadOnlyList<ConditionOperator> Operators(ConditionShape shape) => OperatorsByShape(shape);

    // The one place the builder decides which operators apply to which kind of value. When SegmentOperators (the rule's
    // own list, shared with the checks) lands, this is replaced by a call to it.
    private static ConditionOperator[] OperatorsByShape(ConditionShape shape) => shape switch
    {
        ConditionShape.Text => [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.StartsWith, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        ConditionShape.Choice => [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        ConditionShape.Number => [ConditionOperator.Is, ConditionOperator.Greater, ConditionOperator.Less, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        ConditionShape.Boolean => [ConditionOperator.Is, ConditionOperator.IsEmpty],
        ConditionShape.Date => [ConditionOperator.Before, ConditionOperator.After, ConditionOperator.WithinLastDays, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        ConditionShape.Moment => [ConditionOperator.Before, ConditionOperator.After, ConditionOperator.WithinLastDays],
        ConditionShape.Age => [ConditionOperator.Is, ConditionOperator.Greater, ConditionOperator.Less],
        ConditionShape.Presence => [ConditionOperator.IsNotEmpty, ConditionOperator.IsEmpty],
        ConditionShape.OneOf => [ConditionOperator.Is, ConditionOperator.IsNot],
        ConditionShape.Behaviour => [ConditionOperator.Is],
        _ => [ConditionOperator.AtLeast, ConditionOperator.AtMost],
    };

    public static string OperatorLabel(ConditionOperator op, ConditionShape shape, ConditionKind kind) => (op, shape, kind) switch
    {
        (ConditionOperator.Is, _, ConditionKind.Category) => "subscribed to",
        (ConditionOperator.IsNot, _, ConditionKind.Category) => "not subscribed to",
        (ConditionOperator.IsNotEmpty, ConditionShape.Presence, _) => "yes",
        (ConditionOperator.IsEmpty, ConditionShape.Presence, _) => "no",
        (ConditionOperator.Is, _, _) => "is",
        (ConditionOperator.IsNot, _, _) => "is not",
        (ConditionOperator.Contains, _, _) => "contains",
        (ConditionOperator.StartsWith, _, _) => "starts with",
        (ConditionOperator.IsEmpty, _, _) => "is empty",
        (ConditionOperator.IsNotEmpty, _, _) => "is not empty",
        (ConditionOperator.Before, _, _) => "is before",
        (ConditionOperator.After, _, _) => "is after",
        (ConditionOperator.WithinLastDays, _, _) => "in the last N days",
        (ConditionOperator.Greater, _, _) => "is greater than",
        (ConditionOperator.Less, _, _) => "is less than",
        (ConditionOperator.AtLeast, _, _) => "at least",
        _ => "at most",
    };

    public static string ActionLabel(BehaviourAction action) => action switch
    {
        BehaviourAction.NotOpened => "received, did not open",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>The values "is" can take for email status and source, as the grid names them.</summary>
    public static IReadOnlyList<(string Value, string Label)> EnumValues(ConditionKind kind) => kind switch
    {
        ConditionKind.EmailStatus => [.. Enum.GetValues<EmailStatus>().Select(s => (s.ToString(), EmailStatusLabel.Of(s)))],
        _ => [.. Enum.GetValues<ContactSource>().Select(s => (s.ToString(), SourceLabel(s)))],
    };

    // ContactSourceLabel belongs to the grid's folder, which this one must not use; the same three names differ.
    private static string SourceLabel(ContactSource source) => source switch
    {
        ContactSource.SubscriptionForm => "Subscription form",
        ContactSource.MobileApp => "Mobile app",
        ContactSource.Api => "API",
        _ => source.ToString(),
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
