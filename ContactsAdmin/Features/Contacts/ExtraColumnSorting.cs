using System.Globalization;
using System.Linq.Expressions;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>The kinds of column the column chooser adds to the grid.</summary>
public enum ExtraColumnKind { Field, Category }

/// <summary>
/// An added column the grid is sorted by: a custom field or a subscription category, by id. The URL writes it as
/// "field.12" or "category.3" in place of a built-in column's name.
/// </summary>
public sealed record ExtraColumnSort(ExtraColumnKind Kind, int Id)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}.{Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"field.12" or "category.3"; anything else is null.</summary>
    public static ExtraColumnSort? Parse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is not [var kind, var id]) return null;
        return Enum.TryParse<ExtraColumnKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) &&
               int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? new ExtraColumnSort(k, i)
            : null;
    }
}

/// <summary>
/// Orders contacts by an added column. A custom field sorts by its typed value (numbers as numbers, dates as
/// dates, text ignoring case), contacts without a value last in both directions; a category sorts subscribed
/// after not subscribed, so descending (the header's first click) brings the subscribed ones up. Ties go by Id, so
/// OFFSET pages neither overlap nor skip rows. Each contact's value is looked up on the value's primary key
/// (ContactId, FieldId) and the matches are sorted: there is no index in this order to follow.
/// </summary>
internal static class ExtraColumnSorting
{
    /// <summary>The contacts in the column's order, or null when the column's field no longer exists.</summary>
    public static async Task<IQueryable<Contact>?> SortedAsync(
        AppDbContext db, IQueryable<Contact> contacts, ExtraColumnSort column, bool descending, CancellationToken ct)
    {
        var id = column.Id;
        if (column.Kind == ExtraColumnKind.Category)
        {
            var subscriptions = db.ContactSubscriptions.Where(s => s.CategoryId == id && s.IsSubscribed);
            Expression<Func<Contact, bool>> subscribed = c => subscriptions.Any(s => s.ContactId == c.Id);
            return descending
                ? contacts.OrderByDescending(subscribed).ThenByDescending(c => c.Id)
                : contacts.OrderBy(subscribed).ThenBy(c => c.Id);
        }

        var type = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.Id == id).Select(f => (CustomFieldType?)f.Type).SingleOrDefaultAsync(ct);
        if (type is null) return null;
        var values = db.CustomFieldValues.Where(v => v.FieldId == id);
#pragma warning disable CA1304, CA1311 // SQL, not .NET: ToLower() becomes SQLite's lower(), which has no culture.
        return type switch
        {
            CustomFieldType.Number => ByValue(contacts, c => values.Where(v => v.ContactId == c.Id).Select(v => v.NumberValue).FirstOrDefault(), descending),
            CustomFieldType.Date => ByValue(contacts, c => values.Where(v => v.ContactId == c.Id).Select(v => v.DateValue).FirstOrDefault(), descending),
            CustomFieldType.Boolean => ByValue(contacts, c => values.Where(v => v.ContactId == c.Id).Select(v => v.BoolValue).FirstOrDefault(), descending),
            _ => ByValue(contacts, c => values.Where(v => v.ContactId == c.Id).Select(v => v.TextValue!.ToLower()).FirstOrDefault(), descending),
        };
#pragma warning restore CA1304, CA1311
    }

    /// <summary>Contacts with a value first, in the value's order, then those without; Id breaks ties.</summary>
    private static IOrderedQueryable<Contact> ByValue<TValue>(IQueryable<Contact> contacts, Expression<Func<Contact, TValue>> value, bool descending)
    {
        var missing = Expression.Lambda<Func<Contact, bool>>(Expression.Equal(value.Body, Expression.Constant(null, typeof(TValue))), value.Parameters);
        var withValueFirst = contacts.OrderBy(missing);
        return descending
            ? withValueFirst.ThenByDescending(value).ThenByDescending(c => c.Id)
            : withValueFirst.ThenBy(value).ThenBy(c => c.Id);
    }
}
