using ContactsAdmin.Data;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>How the settings page names each type of custom field.</summary>
public static class CustomFieldTypeLabel
{
    public static string Of(CustomFieldType type) => type switch
    {
        CustomFieldType.Text => "Text",
        CustomFieldType.Number => "Number",
        CustomFieldType.Date => "Date",
        CustomFieldType.Boolean => "Yes/no",
        CustomFieldType.Choice => "One of a list",
        CustomFieldType.MultiChoice => "Several of a list",
        _ => type.ToString(),
    };
}
