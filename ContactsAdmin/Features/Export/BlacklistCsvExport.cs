using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// Writes the Blacklist page's entries for a filter as CSV, newest first as the page lists them, read with one
/// forward-only reader (the page's own query, unpaged), and records the export in the audit log.
/// </summary>
public sealed class BlacklistCsvExport(IDbContextFactory<AppDbContext> dbFactory, ExportAudit audit)
{
    public const string ListName = "Blacklist";

    private static readonly IReadOnlyList<ExportColumn<BlacklistMatch>> Columns =
    [
        new("Address", m => m.Entry.Address),
        new("Scope", m => BlacklistScopeLabel.Of(m.Entry.Scope)),
        new("Reason", m => BlacklistReasonLabel.Of(m.Entry.Reason)),
        new("Added (UTC)", m => m.Entry.AddedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), IsText: false),
        new("Added by", m => m.Entry.AddedBy),
        new("Note", m => m.Entry.Note),
        new("Removed (UTC)", m => m.Entry.RemovedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), IsText: false),
        new("Contact ID", m => m.Contact?.Id.ToString(CultureInfo.InvariantCulture), IsText: false),
        new("Contact", m => m.Contact is { } c ? ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id) : null),
    ];

    public async Task<int> WriteAsync(BlacklistFilter filter, Stream destination, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = BlacklistQueries.WithContacts(db, BlacklistQueries.Matching(db, filter)).AsAsyncEnumerable();
        var written = new WrittenRows(null);
        var filterText = filter.ToExportUri() is var uri && uri.Contains('?') ? uri[(uri.IndexOf('?') + 1)..] : "(no filter)";
        try
        {
            var count = await CsvExportWriter.WriteAsync(destination, Columns, rows, written, ct);
            await audit.RecordAsync(actor, new ExportSummary(ListName, filterText, "all", count, Finished: true));
            return count;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            await audit.RecordAsync(actor, new ExportSummary(ListName, filterText, "all", written.Count, Finished: false));
            throw;
        }
    }
}
