using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>Rules for the segment tests, on the conditions the rules already turn into SQL (email status, source, category).</summary>
internal static class SegmentRules
{
    public static SegmentRule EmailStatusIs(EmailStatus status) => Of(new SegmentCondition
    {
        Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = status.ToString(),
    });

    public static SegmentRule SourceIs(ContactSource source) => Of(new SegmentCondition
    {
        Kind = ConditionKind.Source, Operator = ConditionOperator.Is, Value = source.ToString(),
    });

    public static SegmentRule Of(params SegmentCondition[] conditions) => new() { Groups = [new ConditionGroup { Conditions = conditions }] };
}
