using ContactsAdmin.Components.Shared;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// A grid view to export: the view as its URL gives it (filters and sort; the page is ignored), the columns, the
/// zone its date filters are read in, and whose column choice "visible" means.
/// </summary>
/// <param name="Ids">Only these contacts (a bulk selection's rows, <see cref="BulkExport"/>); null for the whole view.</param>
public sealed record ContactExportRequest(ContactGridView View, ExportColumnSet Columns, TimeZoneInfo Zone, string? UserId, IReadOnlyList<long>? Ids = null)
{
    /// <summary>The request the export URL (<see cref="ContactGridView.ToExportUri"/>) describes.</summary>
    public static ContactExportRequest FromUri(string uri, string? userId)
    {
        var get = UrlQuery.Reader(uri);
        var zone = get("tz") is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return new ContactExportRequest(ContactGridView.FromUri(uri), UrlQuery.Enum<ExportColumnSet>(get("columns")) ?? ExportColumnSet.Visible, zone, userId,
            BulkExport.ReadIds(get(BulkExport.IdsParameter)));
    }

    /// <summary>The filter in words for the audit log: the grid's own query string (its URL without the page).</summary>
    public string FilterText
    {
        get
        {
            var uri = (View with { Page = 0, Anchor = null, PageSize = ContactGridView.Default.PageSize }).ToUri();
            var filter = uri.Contains('?') ? uri[(uri.IndexOf('?') + 1)..] : "(no filter)";
            return Ids is null ? filter : $"{filter}; {Ids.Count:N0} selected contacts";
        }
    }
}

/// <summary>Writes a grid view as CSV (the web download and the command line share this) and records it in the audit log.</summary>
public sealed class ContactCsvExport(ContactExportRows rows, ContactLookups lookups, GridPreferences preferences, ProfileFieldTable table, ExportAudit audit)
{
    public const string ListName = "Contacts";

    /// <returns>The number of contacts written.</returns>
    public async Task<int> WriteAsync(ContactExportRequest request, Stream destination, string actor, IProgress<int>? progress, CancellationToken ct)
    {
        var fields = await lookups.FieldsAsync(ct);
        var categories = await lookups.CategoriesAsync(ct);
        var (chosenFields, chosenCategories) = (fields, categories);
        if (request.Columns == ExportColumnSet.Visible)
        {
            var choice = request.UserId is null ? GridColumnChoice.None : await preferences.LoadAsync(request.UserId, ct);
            // In the order the user added them, as the grid shows them.
            chosenFields = choice.FieldIds.Select(id => fields.FirstOrDefault(f => f.Id == id)).OfType<Data.CustomFieldDefinition>().ToList();
            chosenCategories = choice.CategoryIds.Select(id => categories.FirstOrDefault(c => c.Id == id)).OfType<Data.SubscriptionCategory>().ToList();
        }
        var columns = request.Columns == ExportColumnSet.All
            ? ContactExportColumns.All(table, fields, categories)
            : ContactExportColumns.Visible(chosenFields, chosenCategories);

        var query = request.View.ToQuery(request.Zone);
        if (request.Ids is not null) query = query with { Filter = query.Filter with { Ids = request.Ids } };
        var source = rows.ReadAsync(query, chosenFields.Select(f => f.Id).ToList(), chosenCategories.Select(c => c.Id).ToList(), ct);
        var written = new WrittenRows(progress);
        try
        {
            var count = await CsvExportWriter.WriteAsync(destination, columns, source, written, ct);
            await audit.RecordAsync(actor, Summary(request, count, finished: true));
            return count;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            await audit.RecordAsync(actor, Summary(request, written.Count, finished: false));
            throw;
        }
    }

    private static ExportSummary Summary(ContactExportRequest request, int rows, bool finished) =>
        new(ListName, request.FilterText, request.Columns.ToString().ToLowerInvariant(), rows, finished);
}

/// <summary>Passes progress on and remembers the last count, for the audit entry of a stopped export.</summary>
internal sealed class WrittenRows(IProgress<int>? inner) : IProgress<int>
{
    public int Count { get; private set; }

    public void Report(int value)
    {
        Count = value;
        inner?.Report(value);
    }
}
