using System.ComponentModel;

namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>What a visitor sends from a public subscription form (JSON or an HTML form post).</summary>
public sealed class FormSubmission
{
    [Description("Required.")]
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Phone { get; init; }
    [Description("Keys of the form's categories the visitor chose; all of the form's categories when left out.")]
    public List<string>? Categories { get; init; }
    [Description("The honeypot: a field the form hides from people. Bots fill it in; a filled-in submission is thanked and dropped.")]
    public string? Website { get; init; }

    public const string HoneypotField = "website";

    public static FormSubmission FromForm(IFormCollection form) => new()
    {
        Email = form["email"].ToString(),
        FirstName = NullIfEmpty(form["firstName"].ToString()),
        LastName = NullIfEmpty(form["lastName"].ToString()),
        Phone = NullIfEmpty(form["phone"].ToString()),
        Categories = form["categories"].Count > 0 ? [.. form["categories"].OfType<string>()] : null,
        Website = NullIfEmpty(form[HoneypotField].ToString()),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
