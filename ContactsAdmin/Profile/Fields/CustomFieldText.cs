using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Profile.Fields;

/// <summary>A custom field's stored value as text, the way the edit form shows it and every writer compares it.</summary>
public static class CustomFieldText
{
    /// <summary>
    /// Boolean as yes/no, numbers invariant and a multi-choice's options one per line, so the text reads back through
    /// the same rule.
    /// </summary>
    public static string? Of(CustomFieldDefinition field, CustomFieldValue? value)
    {
        var typed = TypedFieldValue.From(value);
        if (typed is null) return null;
        return field.Type == CustomFieldType.MultiChoice ? MultiChoiceValue.Text(MultiChoiceValue.Decode(typed.Text))
            : field.Type == CustomFieldType.Boolean && typed.Boolean is { } b ? (b ? "yes" : "no")
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

    /// <summary>
    /// A value's text (<see cref="Of(CustomFieldDefinition, CustomFieldValue?)"/>) as the change history and messages
    /// show it: a multi-choice as "sport, travel"; other types as they are.
    /// </summary>
    public static string? Readable(CustomFieldDefinition field, string? text) =>
        field.Type == CustomFieldType.MultiChoice && text is not null ? MultiChoiceValue.Readable(text) : text;

    /// <summary>A stored value as the grid shows it.</summary>
    public static string Display(CustomFieldDefinition field, TypedFieldValue value) =>
        field.Type == CustomFieldType.MultiChoice ? MultiChoiceValue.Readable(value.Text) : value.Display();
}
