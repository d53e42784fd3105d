using System.Globalization;

namespace ContactsAdmin.Profile.Fields;

/// <summary>
/// Names one field of a contact: one of its own fields (<see cref="ProfileField"/>) or a custom field by id. Change
/// sets, errors and change history are keyed by it; its text form ("PostCode", "field:12") is for logs and tests.
/// </summary>
public readonly record struct FieldKey
{
    private const string CustomPrefix = "field:";

    public ProfileField? Profile { get; }
    public int? CustomFieldId { get; }

    private FieldKey(ProfileField? profile, int? customFieldId) => (Profile, CustomFieldId) = (profile, customFieldId);

    public static FieldKey Custom(int fieldId) => new(null, fieldId);

    public static implicit operator FieldKey(ProfileField field) => new(field, null);

    public bool IsCustom => CustomFieldId is not null;

    public override string ToString() => Profile?.Key ?? CustomPrefix + CustomFieldId!.Value.ToString(CultureInfo.InvariantCulture);
}
