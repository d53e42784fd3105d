using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Segments;

/// <summary>
/// Which comparisons a condition may use, by its kind and, for profile and custom fields, by the field: the one
/// declaration the builder offers, the check (<see cref="SegmentRuleCheck"/>) enforces and the SQL
/// (<see cref="SegmentPredicates"/>) implements. Also the words a marketer reads for each.
/// </summary>
public static class SegmentOperators
{
    /// <summary>Profile fields compared as text: every field the contact holds as text (the Contact property has the key's name).</summary>
    public static IReadOnlyList<string> ProfileTextFields { get; } =
        [.. ProfileFields.All.Where(f => f != ProfileFields.BirthDate && f != ProfileFields.Gender).Select(f => f.Key)];

    /// <summary>The contact's own timestamps, compared as whole UTC days.</summary>
    public const string CreatedAt = nameof(Contact.CreatedAt);
    public const string LastEditAt = nameof(Contact.LastEditAt);

    /// <summary>"Has a push token": any of the contact's devices has one.</summary>
    public const string PushToken = nameof(ContactDevice.PushToken);

    /// <summary>The identifiers a condition asks present or missing.</summary>
    public static IReadOnlyList<string> IdentifierFields { get; } = [.. ProfileFields.Identifiers.Select(f => f.Key), PushToken];

    private static readonly ConditionOperator[] Text =
        [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.StartsWith, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];
    private static readonly ConditionOperator[] IsOrNot = [ConditionOperator.Is, ConditionOperator.IsNot];
    private static readonly ConditionOperator[] Presence = [ConditionOperator.IsNotEmpty, ConditionOperator.IsEmpty];

    /// <summary>The operators of a profile field (a <see cref="ProfileFields"/> key, or <see cref="CreatedAt"/> / <see cref="LastEditAt"/>); none for an unknown field.</summary>
    public static IReadOnlyList<ConditionOperator> ForProfileField(string? field) => field switch
    {
        "BirthDate" => [ConditionOperator.Before, ConditionOperator.After, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        "Gender" => IsOrNot,
        CreatedAt or LastEditAt => [ConditionOperator.Before, ConditionOperator.After, ConditionOperator.WithinLastDays],
        _ when ProfileTextFields.Contains(field) => Text,
        _ => [],
    };

    /// <summary>The operators of a custom field of this type.</summary>
    public static IReadOnlyList<ConditionOperator> ForCustomField(CustomFieldType type) => type switch
    {
        CustomFieldType.Text => Text,
        CustomFieldType.Number =>
            [ConditionOperator.Is, ConditionOperator.Greater, ConditionOperator.Less, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        CustomFieldType.Date =>
            [ConditionOperator.Is, ConditionOperator.Before, ConditionOperator.After, ConditionOperator.WithinLastDays, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        CustomFieldType.Boolean => [ConditionOperator.Is, ConditionOperator.IsEmpty],
        CustomFieldType.Choice => [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        // Is on a multi-choice field reads "has any of" the options the value lists.
        CustomFieldType.MultiChoice => [ConditionOperator.Is, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty],
        _ => [],
    };

    /// <summary>
    /// The operators of a kind whose operators do not depend on a field (for <see cref="ConditionKind.Profile"/> see
    /// <see cref="ForProfileField"/>, for <see cref="ConditionKind.CustomField"/> <see cref="ForCustomField"/>). A message or
    /// widget condition says what happened in its <see cref="SegmentCondition.Action"/>; its operator is always Is.
    /// </summary>
    public static IReadOnlyList<ConditionOperator> ForKind(ConditionKind kind) => kind switch
    {
        ConditionKind.Age => [ConditionOperator.Is, ConditionOperator.Greater, ConditionOperator.Less],
        ConditionKind.Identifier => Presence,
        ConditionKind.Category or ConditionKind.EmailStatus or ConditionKind.Source => IsOrNot,
        ConditionKind.Message or ConditionKind.Widget => [ConditionOperator.Is],
        ConditionKind.Event => [ConditionOperator.AtLeast, ConditionOperator.AtMost],
        _ => [],
    };

    /// <summary>What a message or widget condition may say the contact did with it.</summary>
    public static IReadOnlyList<BehaviourAction> ActionsFor(ConditionKind kind) => kind switch
    {
        ConditionKind.Message => [BehaviourAction.Received, BehaviourAction.Opened, BehaviourAction.Clicked, BehaviourAction.NotOpened],
        ConditionKind.Widget => [BehaviourAction.Shown, BehaviourAction.Clicked],
        _ => [],
    };

    /// <summary>Whether the condition's operator applies (<paramref name="fieldType"/>: its custom field's type, when it has one).</summary>
    public static bool Allows(SegmentCondition condition, CustomFieldType? fieldType = null) => condition.Kind switch
    {
        ConditionKind.Profile => ForProfileField(condition.Field).Contains(condition.Operator),
        ConditionKind.CustomField => fieldType is { } type && ForCustomField(type).Contains(condition.Operator),
        _ => ForKind(condition.Kind).Contains(condition.Operator),
    };

    /// <summary>The operator as the builder's list shows it, in the words of its kind ("has", "subscribed to", "in the last days").</summary>
    public static string Label(ConditionKind kind, ConditionOperator op) => (kind, op) switch
    {
        (ConditionKind.Identifier, ConditionOperator.IsNotEmpty) => "has",
        (ConditionKind.Identifier, ConditionOperator.IsEmpty) => "is missing",
        (ConditionKind.Category, ConditionOperator.Is) => "subscribed to",
        (ConditionKind.Category, ConditionOperator.IsNot) => "not subscribed to",
        (_, ConditionOperator.Is) => "is",
        (_, ConditionOperator.IsNot) => "is not",
        (_, ConditionOperator.Contains) => "contains",
        (_, ConditionOperator.StartsWith) => "starts with",
        (_, ConditionOperator.IsEmpty) => "is empty",
        (_, ConditionOperator.IsNotEmpty) => "is not empty",
        (_, ConditionOperator.Before) => "before",
        (_, ConditionOperator.After) => "after",
        (_, ConditionOperator.WithinLastDays) => "in the last days",
        (ConditionKind.Age, ConditionOperator.Greater) => "older than",
        (ConditionKind.Age, ConditionOperator.Less) => "younger than",
        (_, ConditionOperator.Greater) => "greater than",
        (_, ConditionOperator.Less) => "less than",
        (_, ConditionOperator.AtLeast) => "at least",
        (_, ConditionOperator.AtMost) => "at most",
        _ => op.ToString(),
    };

    /// <summary>The action as the builder's list shows it.</summary>
    public static string Label(BehaviourAction action) => action switch
    {
        BehaviourAction.Received => "received",
        BehaviourAction.Opened => "opened",
        BehaviourAction.Clicked => "clicked",
        BehaviourAction.NotOpened => "received and did not open",
        BehaviourAction.Shown => "was shown",
        _ => action.ToString(),
    };

    /// <summary>
    /// The channels that do not carry messages: a web widget's displays and clicks (a widget click has the Clicked
    /// status too), and app and website events. Every other channel is a message's.
    /// </summary>
    public static IReadOnlyList<ActivityChannel> NotMessageChannels { get; } = [ActivityChannel.App, ActivityChannel.Website, ActivityChannel.WebWidget];

    /// <summary>The channels of app and website events.</summary>
    public static IReadOnlyList<ActivityChannel> EventChannels { get; } = [ActivityChannel.App, ActivityChannel.Website];
}
