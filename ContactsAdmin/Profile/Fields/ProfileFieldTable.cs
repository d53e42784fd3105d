namespace ContactsAdmin.Profile.Fields;

/// <summary>
/// The profile fields the app runs with, registered as a service: <see cref="Standard"/> in the app. Everything that
/// lists fields (the edit form, the API's reader, view and document, CSV) asks this instead of a list of its own, so
/// a field added to the table appears everywhere at once.
/// </summary>
public sealed class ProfileFieldTable(IReadOnlyList<ProfileField> fields)
{
    public static ProfileFieldTable Standard { get; } = new(ProfileFields.All);

    public IReadOnlyList<ProfileField> Fields { get; } = fields;

    public ProfileField? Find(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
}
