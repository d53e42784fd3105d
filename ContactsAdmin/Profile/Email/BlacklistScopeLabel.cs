using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

public static class BlacklistScopeLabel
{
    /// <summary>The list an entry is on, as filters and columns name it.</summary>
    public static string Of(BlacklistScope scope) => scope switch
    {
        BlacklistScope.System => "System (automatic)",
        _ => "Local (added by an Admin)",
    };

    /// <summary>Who put the address on the blacklist and which list it is: "Blacklisted by an Admin (local list)".</summary>
    public static string Blacklisted(BlacklistScope scope) => scope switch
    {
        BlacklistScope.System => "Blacklisted automatically (system list)",
        _ => "Blacklisted by an Admin (local list)",
    };
}
