namespace ContactsAdmin.Data;

/// <summary>A field a business defines for its contacts (the personalization variable is <see cref="Key"/>).</summary>
public class CustomFieldDefinition
{
    public int Id { get; set; }
    /// <summary>[a-z][a-z0-9_]{0,63}</summary>
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; }
    /// <summary>The "list of fields" the field is shown in on the card.</summary>
    public string Group { get; set; } = DefaultGroup;
    public int SortOrder { get; set; }
    /// <summary>The allowed values of a Choice or MultiChoice field, in the order shown; empty for other types.</summary>
    public List<string> Options { get; set; } = [];
    /// <summary>A line shown under the field's input on the card's edit dialog.</summary>
    public string? HelpText { get; set; }
    /// <summary>When and by whom the field was defined; null for fields older than the settings page.</summary>
    public DateTime? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Set while the field is archived: hidden from the card, the grid and the filters; values kept.</summary>
    public DateTime? ArchivedAt { get; set; }

    public const int HelpTextMaxLength = 300;

    public const string DefaultGroup = "Personal";
}

/// <summary>
/// One contact's value of one custom field. The value sits in the column of its type so SQL can
/// compare and index it: Text and Choice in <see cref="TextValue"/>, Number in <see cref="NumberValue"/>,
/// Date in <see cref="DateValue"/>, Boolean in <see cref="BoolValue"/>.
/// </summary>
public class CustomFieldValue
{
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }
    public int FieldId { get; set; }
    public CustomFieldDefinition? Field { get; set; }

    public string? TextValue { get; set; }
    public double? NumberValue { get; set; }
    public DateOnly? DateValue { get; set; }
    public bool? BoolValue { get; set; }
}

/// <summary>
/// The place of one group of custom fields on the card (fields name their group in <see cref="CustomFieldDefinition.Group"/>).
/// A group without a row comes after the ordered ones, by name.
/// </summary>
public class CustomFieldGroup
{
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}
