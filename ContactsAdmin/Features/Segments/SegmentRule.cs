namespace ContactsAdmin.Features.Segments;

/// <summary>How the parts of a rule or a group combine: every one must hold (AND) or any one (OR).</summary>
public enum RuleJoin { And, Or }

/// <summary>
/// Who belongs to a segment: groups of conditions, joined by <see cref="Join"/>; inside a group the conditions are
/// joined by the group's own join (one level of nesting, as marketers write "A AND (B OR C) AND D"). A group of one
/// condition is simply that condition. No groups: every contact.
/// </summary>
public sealed record SegmentRule
{
    public static readonly SegmentRule Everyone = new();

    public RuleJoin Join { get; init; } = RuleJoin.And;
    public IReadOnlyList<ConditionGroup> Groups { get; init; } = [];

    public bool IsEmpty => Groups.All(g => g.Conditions.Count == 0);

    public IEnumerable<SegmentCondition> Conditions => Groups.SelectMany(g => g.Conditions);

    // Records compare lists by reference; a rule is a value (the grid compares views, tests compare rules).
    public bool Equals(SegmentRule? other) => other is not null && Join == other.Join && Groups.SequenceEqual(other.Groups);
    public override int GetHashCode() => HashCode.Combine(Join, Groups.Count);
}

/// <summary>Conditions joined by one <see cref="Join"/>.</summary>
public sealed record ConditionGroup
{
    public RuleJoin Join { get; init; } = RuleJoin.And;
    public IReadOnlyList<SegmentCondition> Conditions { get; init; } = [];

    public bool Equals(ConditionGroup? other) => other is not null && Join == other.Join && Conditions.SequenceEqual(other.Conditions);
    public override int GetHashCode() => HashCode.Combine(Join, Conditions.Count);
}

/// <summary>What a condition is about; which of <see cref="SegmentCondition"/>'s parts it reads is said at each kind.</summary>
public enum ConditionKind
{
    /// <summary>A profile field (<see cref="SegmentCondition.Field"/>: a ProfileFields key, or CreatedAt / LastEditAt).</summary>
    Profile,
    /// <summary>Age in whole years from the birth date (<see cref="SegmentCondition.Value"/>: a number).</summary>
    Age,
    /// <summary>An identifier present or missing (<see cref="SegmentCondition.Field"/>: Email, Phone, ExternalId or PushToken).</summary>
    Identifier,
    /// <summary>A custom field's value (<see cref="SegmentCondition.TargetId"/>: the field's id).</summary>
    CustomField,
    /// <summary>Subscribed (Is) or not subscribed (IsNot) to a category (<see cref="SegmentCondition.TargetId"/>).</summary>
    Category,
    /// <summary>The email status (<see cref="SegmentCondition.Value"/>: an EmailStatus name).</summary>
    EmailStatus,
    /// <summary>Where the contact came from (<see cref="SegmentCondition.Value"/>: a ContactSource name).</summary>
    Source,
    /// <summary>
    /// A message received, opened, clicked or received and not opened in the last <see cref="SegmentCondition.Days"/>
    /// days (<see cref="SegmentCondition.Action"/>; <see cref="SegmentCondition.Value"/>: the message's name, null for any).
    /// </summary>
    Message,
    /// <summary>
    /// An app or website event of type <see cref="SegmentCondition.Value"/> at least / at most
    /// <see cref="SegmentCondition.Times"/> times in the last <see cref="SegmentCondition.Days"/> days.
    /// </summary>
    Event,
    /// <summary>
    /// A web widget shown or clicked (<see cref="SegmentCondition.Action"/>) in the last <see cref="SegmentCondition.Days"/>
    /// days (<see cref="SegmentCondition.TargetId"/>: the widget, null for any).
    /// </summary>
    Widget,
}

/// <summary>The comparison; which apply to which kind and field type is decided in one place (SegmentOperators).</summary>
public enum ConditionOperator
{
    Is, IsNot, Contains, StartsWith, IsEmpty, IsNotEmpty,
    /// <summary>Dates: before the day, after the day, within the last N days (<see cref="SegmentCondition.Days"/>).</summary>
    Before, After, WithinLastDays,
    Greater, Less,
    /// <summary>Events: at least / at most N times.</summary>
    AtLeast, AtMost,
}

/// <summary>What the contact did with a message or a widget.</summary>
public enum BehaviourAction { Received, Opened, Clicked, NotOpened, Shown }

/// <summary>
/// One condition. Only the parts its <see cref="Kind"/> reads are set; values are kept as the user typed them (a
/// number, a date as YYYY-MM-DD, an enum's name) so a saved segment reads back exactly and is checked where it is used.
/// </summary>
public sealed record SegmentCondition
{
    public ConditionKind Kind { get; init; }
    public string? Field { get; init; }
    public int? TargetId { get; init; }
    public ConditionOperator Operator { get; init; }
    public string? Value { get; init; }
    public int? Days { get; init; }
    public int? Times { get; init; }
    public BehaviourAction? Action { get; init; }
}
