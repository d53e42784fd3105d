using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Profile.Fields;

/// <summary>A custom field's stored value as text, the way the edit form shows it and every writer compares it.</summary>
public static class CustomFieldText
{
    /// <summary>Boolean as yes/no and numbers invariant, so the text reads back through the same rule.</summary>
    public static string? Of(CustomFieldDefinition field, CustomFieldValue? value)
    {
        var typed = TypedFieldValue.From(value);
        if (typed is null) return null;
        return field.Type == CustomFieldType.Boolean && typed.Boolean is { } b ? (b ? "yes" : "no")
            : field.Type == CustomFieldType.Number && typed.Number is { } n ? n.ToString(CultureInfo.InvariantCulture)
            : typed.Display();
    }

    /// <summary>A checked value (<see cref="CustomFieldRules.Value"/>) as text.</summary>
    public static string? Of(CustomFieldDefinition field, TypedFieldValue value)
    {
        var row = new CustomFieldValue();
        value.ApplyTo(row);
        return Of(field, row);
    }
}
