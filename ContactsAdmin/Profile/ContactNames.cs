namespace ContactsAdmin.Profile;

public static class ContactNames
{
    /// <summary>What a contact is called on screen: the name, else the email, else "Anonymous contact #id".</summary>
    public static string Display(string? firstName, string? lastName, string? email, long id)
    {
        var name = $"{firstName} {lastName}".Trim();
        if (name.Length > 0) return name;
        return string.IsNullOrWhiteSpace(email) ? $"Anonymous contact #{id}" : email;
    }
}
