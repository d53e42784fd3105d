using ContactsAdmin.Data;
using ContactsAdmin.Profile.Choices;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Profile.Fields;

/// <summary>Where a field sits on the card's edit form.</summary>
public enum FieldSection { Identifiers, PersonalData }

/// <summary>
/// How a person types the field: the form picks its input from this. <see cref="Search"/> is a searchable list
/// (<see cref="ProfileField.SearchChoices"/>) too long for a plain select.
/// </summary>
public enum FieldInput { Text, Email, Phone, Date, Choice, Search }

/// <summary>What a rule may need besides the input: the settings and the day it is checked on.</summary>
public sealed record FieldRuleContext(string DefaultPhoneRegion, DateOnly Today);

/// <summary>Checks and normalizes a field's input text; gives the text to store, or the error to show next to the field.</summary>
public delegate FieldCheck<string?> FieldRule(ProfileField field, string? input, FieldRuleContext context);

/// <summary>
/// One of the contact's own fields (not a custom field), declared once in <see cref="ProfileFields"/>: everything that
/// reads, writes, checks, shows or exchanges the field (the edit form, the change history, validation, the HTTP API,
/// imports and exports) takes it from here. Values travel as normalized text (<see cref="Read"/> gives what
/// <see cref="Write"/> takes), so every writer compares and records changes alike.
/// </summary>
public sealed class ProfileField
{
    /// <summary>The stable name: error keys, change-history keys, CSV headers. Never changes once released.</summary>
    public required string Key { get; init; }

    /// <summary>How people read the field's name: form label, change history, grid header.</summary>
    public required string Label { get; init; }

    public required FieldSection Section { get; init; }
    public FieldInput Input { get; init; } = FieldInput.Text;

    /// <summary>The longest text the rule accepts, shown as the input's limit; null where the rule bounds it otherwise.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The input's width on the form, in twelfths of a row (on wider screens; a phone shows one per row).</summary>
    public int FormWidth { get; init; } = 4;

    /// <summary>The form's helper text under the input.</summary>
    public string? Hint { get; init; }

    /// <summary>For <see cref="FieldInput.Choice"/>: the stored texts a person picks from (none picked stores nothing).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>
    /// For <see cref="FieldInput.Search"/>: the entries at a moment (a time zone's offset depends on it). The field's
    /// rule accepts what the list holds, so the picker and the API agree.
    /// </summary>
    public Func<DateTimeOffset, IReadOnlyList<Choice>>? SearchChoices { get; init; }

    /// <summary>Where the field is in the API's contact, read and written: "firstName", "address.postcode".</summary>
    public required string ApiPath { get; init; }

    /// <summary>Another name the API accepts for the field on input ("address.city" for the town).</summary>
    public string? ApiAlias { get; init; }

    /// <summary>The API takes this field from the payload's channels (email, sms), not from <see cref="ApiPath"/>.</summary>
    public bool ApiWritesThroughChannels { get; init; }

    /// <summary>The API document's description of the field.</summary>
    public string? ApiDescription { get; init; }

    /// <summary>The stored value as normalized text (null when empty).</summary>
    public required Func<Contact, string?> Read { get; init; }

    /// <summary>Stores normalized text (as <see cref="Check"/> gives it; null clears the field).</summary>
    public required Action<Contact, string?> Write { get; init; }

    /// <summary>The value the API shows, where it is not the text (an enum the API documents by name).</summary>
    public Func<Contact, object?>? ApiValue { get; init; }

    public required FieldRule Rule { get; init; }

    public FieldCheck<string?> Check(string? input, FieldRuleContext context) => Rule(this, input, context);

    /// <summary>The edit form's input id: "PostCode" is "edit-post-code".</summary>
    public string InputId => "edit-" + string.Concat(Key.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    public override bool Equals(object? obj) => obj is ProfileField other && other.Key == Key;
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Key;
}
