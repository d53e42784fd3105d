namespace ContactsAdmin.Profile.Changes;

/// <summary>The keys a save reports errors and changes under, and the names users read in the audit trail.</summary>
public static class ContactFieldNames
{
    public const string ExternalId = nameof(ContactForm.ExternalId);
    public const string Email = nameof(ContactForm.Email);
    public const string Phone = nameof(ContactForm.Phone);
    public const string FirstName = nameof(ContactForm.FirstName);
    public const string LastName = nameof(ContactForm.LastName);
    public const string BirthDate = nameof(ContactForm.BirthDate);
    public const string Gender = nameof(ContactForm.Gender);
    public const string Country = nameof(ContactForm.Country);
    public const string Region = nameof(ContactForm.Region);
    public const string City = nameof(ContactForm.City);
    public const string Street = nameof(ContactForm.Street);
    public const string PostCode = nameof(ContactForm.PostCode);
    public const string TimeZone = nameof(ContactForm.TimeZone);
    public const string Language = nameof(ContactForm.Language);

    /// <summary>The error key of a custom field in a form.</summary>
    public static string Field(int fieldId) => $"field:{fieldId}";

    public static string Label(string key) => key switch
    {
        ExternalId => "External ID",
        FirstName => "First name",
        LastName => "Last name",
        BirthDate => "Birth date",
        TimeZone => "Time zone",
        PostCode => "Post code",
        _ => key,
    };
}
