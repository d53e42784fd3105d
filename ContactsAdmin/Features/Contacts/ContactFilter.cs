using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Features.Contacts;

public enum FieldOperator { Equals, Contains, Greater, Less, IsEmpty }

/// <summary>"Custom field F op V", e.g. lifetime_value Greater 1000. <see cref="Value"/> is as the user typed it.</summary>
public sealed record CustomFieldCondition(int FieldId, FieldOperator Operator, string? Value);

/// <summary>What the All contacts grid is narrowed to. Date bounds are UTC instants, From inclusive, To exclusive.</summary>
public sealed record ContactFilter
{
    public static readonly ContactFilter None = new();

    /// <summary>Any part of email, phone, name or External ID.</summary>
    public string? Search { get; init; }
    public EmailStatus? EmailStatus { get; init; }
    public ContactSource? Source { get; init; }
    /// <summary>Contacts subscribed to this category.</summary>
    public int? CategoryId { get; init; }
    public DateTime? CreatedFrom { get; init; }
    public DateTime? CreatedTo { get; init; }
    public DateTime? EditedFrom { get; init; }
    public DateTime? EditedTo { get; init; }
    public CustomFieldCondition? Field { get; init; }
    /// <summary>Only these contacts: a selection of rows (the export of a bulk selection). Null: no such restriction.</summary>
    public IReadOnlyList<long>? Ids { get; init; }
    /// <summary>A segment's conditions (built in the grid or saved), on top of the filters above. Null: none.</summary>
    public SegmentRule? Rule { get; init; }

    public bool IsEmpty => this == None;

    /// <summary>
    /// Whether no single index answers the whole filter. Search, category and custom field each read their own
    /// index; of the contact's own columns, email status or source shares an index with the creation date, while
    /// status with source, or either with the last edit date, do not. Counting such a combination means checking
    /// each entry of one index against the others, however few match; one index alone stops at the count's cap.
    /// (A search of one or two characters and "has no value" check each contact rather than read an index; they
    /// count as one here all the same, which only decides how the total is counted, not which contacts match.)
    /// </summary>
    public bool CombinesIndexes
    {
        get
        {
            var (status, source, created, edited) = (EmailStatus is not null, Source is not null, CreatedFrom is not null || CreatedTo is not null,
                EditedFrom is not null || EditedTo is not null);
            // A rule's conditions are checked contact by contact, as a join of several indexes is: its count is estimated.
            if (Rule is { IsEmpty: false }) return true;
            var lists = Count(!string.IsNullOrWhiteSpace(Search), CategoryId is not null, Field is not null);
            var columnIndexes = Count(status, source, edited, created && !status && !source);
            return lists + columnIndexes > 1;

            static int Count(params bool[] conditions) => conditions.Count(c => c);
        }
    }

    /// <summary>The operators that make sense for a field type.</summary>
    public static IReadOnlyList<FieldOperator> OperatorsFor(CustomFieldType type) => type switch
    {
        CustomFieldType.Text => [FieldOperator.Equals, FieldOperator.Contains, FieldOperator.IsEmpty],
        CustomFieldType.Number or CustomFieldType.Date => [FieldOperator.Equals, FieldOperator.Greater, FieldOperator.Less, FieldOperator.IsEmpty],
        // Equals on a multi-choice field reads "has any of" the options the value lists.
        CustomFieldType.MultiChoice => [FieldOperator.Equals, FieldOperator.IsEmpty],
        _ => [FieldOperator.Equals, FieldOperator.IsEmpty],
    };
}
