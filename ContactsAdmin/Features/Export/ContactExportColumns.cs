using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// The columns of a contacts export. The contact's own fields come from the profile field table (its labels are the
/// headers, its readers the cells), so a field added there is exported too; custom fields are headed by their
/// labels, categories by their names.
/// </summary>
public static class ContactExportColumns
{
    /// <summary>How instants are written: UTC, which the headers say, in a form spreadsheets read as a date and time.</summary>
    private const string InstantFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly ExportColumn<ContactExportRow> Id = new("Contact ID", r => r.Contact.Id.ToString(CultureInfo.InvariantCulture), IsText: false);
    private static readonly ExportColumn<ContactExportRow> Status = new("Email status", r => EmailStatusLabel.Of(r.Contact.EmailStatus));
    private static readonly ExportColumn<ContactExportRow> Source = new("Source", r => ContactSourceLabel.Of(r.Contact.Source));
    private static readonly ExportColumn<ContactExportRow> Created = new("Created (UTC)", r => Instant(r.Contact.CreatedAt), IsText: false);
    private static readonly ExportColumn<ContactExportRow> LastEdit = new("Last edit (UTC)", r => Instant(r.Contact.LastEditAt), IsText: false);

    /// <summary>The grid's columns in its order (its Contact column as name and email), then the fields and categories the user added.</summary>
    public static IReadOnlyList<ExportColumn<ContactExportRow>> Visible(
        IEnumerable<CustomFieldDefinition> chosenFields, IEnumerable<SubscriptionCategory> chosenCategories) =>
    [
        Id, Own(ProfileFields.FirstName), Own(ProfileFields.LastName), Own(ProfileFields.Email), Own(ProfileFields.Phone),
        Status, Source, Created, LastEdit, Own(ProfileFields.Country), Own(ProfileFields.Language),
        .. chosenFields.Select(Custom), .. chosenCategories.Select(Subscription),
    ];

    /// <summary>Every profile field of the table, the contact's status and history, every custom field and every category.</summary>
    public static IReadOnlyList<ExportColumn<ContactExportRow>> All(
        ProfileFieldTable table, IEnumerable<CustomFieldDefinition> fields, IEnumerable<SubscriptionCategory> categories) =>
    [
        Id, .. table.Fields.Select(Own), Status, Source, Created, LastEdit,
        new("Last edit by", r => r.Contact.LastEditBy),
        .. fields.Select(Custom), .. categories.Select(Subscription),
    ];

    private static ExportColumn<ContactExportRow> Own(ProfileField field) => new(field.Label, r => field.Read(r.Contact));

    /// <summary>A custom field as the edit form writes it (it reads back through the same rule); numbers and dates are not text.</summary>
    private static ExportColumn<ContactExportRow> Custom(CustomFieldDefinition field) =>
        new(field.Label, r => CustomFieldText.Of(field, r.Values.GetValueOrDefault(field.Id)),
            IsText: field.Type is not (CustomFieldType.Number or CustomFieldType.Date or CustomFieldType.Boolean));

    private static ExportColumn<ContactExportRow> Subscription(SubscriptionCategory category) =>
        new(category.Name, r => r.Subscribed.Contains(category.Id) ? "yes" : "no", IsText: false);

    private static string Instant(DateTime utc) => utc.ToString(InstantFormat, CultureInfo.InvariantCulture);
}
