using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Data;

/// <summary>A person who signs in to the admin (not a contact).</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>IANA id the user reads dates in; null means UTC.</summary>
    public string? TimeZone { get; set; }
    /// <summary>The grid columns the user chose (JSON), remembered between visits.</summary>
    public string? GridPreferences { get; set; }
    /// <summary>When the user last signed in successfully (UTC); null if never.</summary>
    public DateTime? LastSignInAt { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Marketer = "Marketer";
    public const string Viewer = "Viewer";

    public static readonly string[] All = [Admin, Marketer, Viewer];
}
