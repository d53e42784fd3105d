using ContactsAdmin.Data;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>A custom field as the settings page lists it, with how many contacts hold a value of it.</summary>
public sealed record CustomFieldRow(int Id, string Key, string Label, CustomFieldType Type, string Group, string? HelpText,
    IReadOnlyList<string> Options, int Values, DateTime? CreatedAt, string? CreatedBy, DateTime? ArchivedAt)
{
    public bool IsArchived => ArchivedAt is not null;
}

/// <summary>One group of the card with its fields, both in the card's order.</summary>
public sealed record CustomFieldGroupRows(string Name, IReadOnlyList<CustomFieldRow> Fields);

/// <summary>One option as the Admin left it: <see cref="Original"/> is the option it was (null for a new one), so a rename moves its values.</summary>
public sealed record OptionDraft(string? Original, string? Name);

/// <summary>
/// What an Admin types to create or edit a field. The key and type are read only when creating (the type changes through
/// <see cref="CustomFieldSettings.ChangeTypeAsync"/>, which converts the values).
/// </summary>
public sealed record CustomFieldDraft(string? Label, string? Key, CustomFieldType Type, string? Group, string? HelpText, IReadOnlyList<OptionDraft> Options)
{
    /// <summary>
    /// For each removed option contacts hold: the option (by its name in <see cref="Options"/>) its values become, or
    /// null to clear them. A removed option in use without an entry here is refused with <see cref="CustomFieldOutcome.OptionsInUse"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Replacements { get; init; } = new Dictionary<string, string?>();
}

/// <summary>A removed option that this many contacts hold.</summary>
public sealed record OptionInUse(string Option, int Contacts);

public abstract record CustomFieldOutcome
{
    private CustomFieldOutcome() { }

    public sealed record Done(int Id) : CustomFieldOutcome;
    /// <summary>Bad input, by the field it is in, so each message sits under what was typed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<CustomFieldInput, string> Errors) : CustomFieldOutcome;
    /// <summary>The user may not do this, or the field is gone.</summary>
    public sealed record Refused(string Reason) : CustomFieldOutcome;
    /// <summary>Deleting would remove this many stored values: ask, then call again with the count confirmed.</summary>
    public sealed record NeedsConfirmation(int Values) : CustomFieldOutcome;
    /// <summary>Removed options contacts hold: say what their values become (<see cref="CustomFieldDraft.Replacements"/>) and save again.</summary>
    public sealed record OptionsInUse(IReadOnlyList<OptionInUse> Options) : CustomFieldOutcome;
}
