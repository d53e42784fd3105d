using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Profile.Identity;

public static class IdentifierFields
{
    /// <summary>The profile field an identifier is stored in.</summary>
    public static ProfileField Field(this IdentifierKind kind) => kind switch
    {
        IdentifierKind.ExternalId => ProfileFields.ExternalId,
        IdentifierKind.Email => ProfileFields.Email,
        IdentifierKind.Phone => ProfileFields.Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Devices are not fields."),
    };
}
