using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Export;

/// <summary>What an export wrote, for the audit log: which list, its filter as the URL's query, the columns and the row count.</summary>
public sealed record ExportSummary(string List, string Filter, string Columns, int Rows, bool Finished);

/// <summary>Records every export in the audit log (/settings/audit): who, which list and filter, and how many rows.</summary>
public sealed class ExportAudit(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string Exported = "Exported";
    /// <summary>The download stopped before the end (the browser went away, the command was stopped): the rows say how far it got.</summary>
    public const string Stopped = "Export stopped";

    public async Task RecordAsync(string actor, ExportSummary summary)
    {
        // Written after the rows, when the request may already be cancelled: the entry is kept all the same.
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        SettingsAudit.Record(db, actor, SettingsArea.Export, summary.List, summary.Finished ? Exported : Stopped,
            before: null, after: new { summary.Filter, summary.Columns, summary.Rows }, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
