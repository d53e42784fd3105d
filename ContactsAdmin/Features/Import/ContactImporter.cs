using ContactsAdmin.Data;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Identity;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Imports a CSV file into the store: streams its rows, checks each (<see cref="ImportRowReader"/>) and writes the good
/// ones in transactions of <see cref="ImportLimits.RowsPerBatch"/> with the API's bulk writer (<see cref="ContactBatch"/>:
/// its identity matching, its field-by-field changes with an audit entry each, "last edit" naming the file). A row
/// that changes nothing writes nothing and counts as unchanged, so running a file again is harmless, and a job can
/// resume after the last line a batch finished (<see cref="ImportProgress.LastLine"/>). Cancelling stops between
/// batches (or rolls back the batch under way) and keeps what was written.
/// </summary>
public sealed class ContactImporter(
    IDbContextFactory<AppDbContext> dbFactory,
    ContactIngest ingest,
    EmailStatusRuleOptions emailRules,
    IngestWriteGate gate)
{
    /// <summary>How "last edit by", the audit and the email log name an import of <paramref name="fileName"/>.</summary>
    public static ChangeActor Actor(string fileName) => new($"Import: {Path.GetFileName(fileName)}", ChangeSource.Import);

    /// <summary>The custom fields and categories a mapping may name (for <see cref="MappingSuggestion"/> too).</summary>
    public Task<IngestLookups> LookupsAsync(CancellationToken ct) => ingest.LookupsAsync(ct);

    /// <summary>
    /// Imports <paramref name="stream"/> read as <paramref name="format"/> says, its columns going where
    /// <paramref name="mapping"/> says. Rows on lines up to <paramref name="resumeAfterLine"/> are passed over (0: from the start).
    /// Throws <see cref="ImportFileException"/> when the file or the mapping cannot be used at all. <paramref name="onBatch"/>
    /// is awaited after each batch's commit (a background job records its position and bad rows there, and may stop the import by throwing).
    /// </summary>
    public async Task<ImportResult> RunAsync(Stream stream, string fileName, CsvFormat format, ImportMapping mapping, ImportOptions options,
        IProgress<ImportProgress>? progress = null, long resumeAfterLine = 0, Func<ImportBatch, Task>? onBatch = null, CancellationToken ct = default)
    {
        if (stream.CanSeek && stream.Length > ImportLimits.MaxFileBytes) throw ImportFileException.TooLarge();
        var origin = stream.CanSeek ? stream.Position : 0;
        var lookups = await ingest.LookupsAsync(ct);
        var context = new WriteContext(Actor(fileName), ContactSource.Import, ingest.Now, lookups, emailRules, ingest.Suppressions);
        var errors = new List<ImportRowError>();
        var counts = ImportCounts.None;
        var lastLine = resumeAfterLine;
        var reported = (Counts: ImportCounts.None, Errors: 0);
        async Task ReportBatchAsync()
        {
            if (onBatch is null || counts.Rows == reported.Counts.Rows) return;
            var batchErrors = errors.Skip(reported.Errors).OrderBy(e => e.Line).ToList();
            var batchCounts = counts.Minus(reported.Counts);
            reported = (counts, errors.Count);
            await onBatch(new ImportBatch(lastLine, batchCounts, batchErrors));
        }

        using var reader = format.OpenReader(stream);
        IReadOnlyList<string> columnNames;
        try
        {
            await reader.ReadHeaderAsync(ct);
            columnNames = format.HasHeader ? [.. reader.Headers] : [.. Enumerable.Range(1, mapping.Columns.Count).Select(i => $"Column {i}")];
        }
        catch (Exception e) when (e is CsvFormatException or System.Text.DecoderFallbackException or IOException)
        {
            throw new ImportFileException($"The file cannot be read as CSV: {e.Message}", e);
        }
        var rows = new ImportRowReader(mapping, columnNames, lookups, ingest.RuleContext, options.EmptyCells);
        var dryRun = options.DryRun && stream.CanSeek ? await ScanAsync(stream, origin, format, rows, resumeAfterLine, ct) : null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Renamed contacts' old search entries are merged away once, at the end (TidySearchIndexAsync), not batch by batch.
        using var tidyingDeferred = StoreEngine.Of(db).SearchIndex.DeferTidying();
        long? totalBytes = stream.CanSeek ? stream.Length : null;
        // Disposed before the reader and the stream (declared after them): the read-ahead stops using them first.
        await using var readAhead = new ImportReadAhead(reader, stream, rows, resumeAfterLine, ImportLimits.RowsPerBatch, ct);
        await foreach (var chunk in readAhead.ChunksAsync(ct))
        {
            errors.AddRange(chunk.Errors);
            counts = counts with { Errors = counts.Errors + chunk.BadRows };
            lastLine = chunk.LastLine;
            if (chunk.Rows.Count > 0) counts = counts.Plus(await WriteAsync(db, chunk.Rows, context, options, errors, dryRun, ct));
            if (chunk.Rows.Count < ImportLimits.RowsPerBatch) continue;   // the file's last rows: reported below
            await ReportBatchAsync();
            progress?.Report(new ImportProgress(lastLine, chunk.BytesRead, totalBytes, counts));
            ct.ThrowIfCancellationRequested();   // between batches: what was written stays
        }
        await ReportBatchAsync();
        if (!options.DryRun) await TidySearchIndexAsync(db, tidyingDeferred.RenamedContacts, ct);
        progress?.Report(new ImportProgress(lastLine, totalBytes ?? 0, totalBytes, counts));
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ImportResult(counts, errors, lastLine);
    }

    /// <summary>
    /// After an import that renamed a tenth of the store or more: the search index tidied a short step at a time, each in a
    /// transaction of its own, so other writers go between them. Renamed contacts leave their old entries deleted in the
    /// index (<see cref="ContactSearchIndex.TidyStepAsync"/>), which searches read past until they are merged away; an
    /// import that changed other fields only (a custom field for everyone) leaves none, and the merge would rewrite the
    /// whole index for nothing.
    /// </summary>
    private async Task TidySearchIndexAsync(AppDbContext db, long renamed, CancellationToken ct)
    {
        if (renamed == 0 || renamed * 10 < await db.Contacts.LongCountAsync(ct)) return;
        var index = StoreEngine.Of(db).SearchIndex;
        try
        {
            for (var first = true; ; first = false)
            {
                using var turn = await gate.EnterAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var more = await index.TidyStepAsync(db, first, ct);
                await transaction.CommitAsync(ct);
                if (!more) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Every row is written: a cancel now only leaves the index less tidy (searches still right), not the import unfinished.
        }
    }

    /// <summary>
    /// A dry run's first pass over the file (from <paramref name="origin"/>, back where it was afterwards): which contacts
    /// more than one row names (<see cref="DryRunMemory"/>).
    /// </summary>
    private static async Task<DryRunMemory> ScanAsync(Stream stream, long origin, CsvFormat format, ImportRowReader rows, long resumeAfterLine,
        CancellationToken ct)
    {
        var position = stream.Position;
        stream.Position = origin;
        var scan = new DryRunMemory.Scan();
        var ignored = new List<ImportRowError>();
        using (var reader = format.OpenReader(stream))
        {
            await reader.ReadHeaderAsync(ct);
            string Cell(int index) => index < reader.FieldCount ? reader.GetString(index) : "";
            while (await reader.ReadAsync(ct))
            {
                if (reader.LineNumber <= resumeAfterLine) continue;
                if (rows.Read(reader.LineNumber, Cell, ignored) is { } set) scan.Add(set);
                ignored.Clear();
            }
        }
        stream.Position = position;
        return scan.Finish();
    }

    private enum RowOutcome { Created, Updated, Unchanged, Skipped, Error }

    /// <summary>
    /// A batch in one transaction (rolled back in a dry run); when the store refuses it (a constraint the checks did not
    /// foresee), each row again in a transaction of its own, so the refused one is reported alone.
    /// </summary>
    private async Task<ImportCounts> WriteAsync(AppDbContext db, List<PendingRow> rows, WriteContext context, ImportOptions options,
        List<ImportRowError> errors, DryRunMemory? dryRun, CancellationToken ct)
    {
        var batchErrors = new List<ImportRowError>();
        if (await TryWriteAsync(db, rows, context, options, batchErrors, dryRun, ct) is { } counts)
        {
            errors.AddRange(batchErrors);
            return counts;
        }
        counts = ImportCounts.None;
        foreach (var row in rows)
        {
            batchErrors.Clear();
            var one = await TryWriteAsync(db, [row], context, options, batchErrors, dryRun, ct);
            errors.AddRange(batchErrors);
            if (one is not null) { counts = counts.Plus(one); continue; }
            errors.Add(new ImportRowError(row.Line, "", "", "The store refused the row (another contact holds one of its values)."));
            counts = counts with { Errors = counts.Errors + 1 };
        }
        return counts;
    }

    private async Task<ImportCounts?> TryWriteAsync(AppDbContext db, List<PendingRow> rows, WriteContext context, ImportOptions options,
        List<ImportRowError> errors, DryRunMemory? dryRun, CancellationToken ct)
    {
        try
        {
            using var turn = await gate.EnterAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // A dry run first writes again, uncounted, what its earlier (rolled back) transactions wrote to these rows' contacts.
            var earlier = dryRun?.EarlierRowsFor(rows.Select(r => r.Set)) ?? [];
            var batch = await ContactBatch.LoadAsync(db, [.. earlier.Select(e => e.Set), .. rows.Select(r => r.Set)], ct);
            var uncounted = new List<ImportRowError>();
            foreach (var (line, set) in earlier)
                await WriteRowAsync(db, batch, new PendingRow(line, set), context, options, uncounted, ct);
            long created = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0;
            foreach (var row in rows)
            {
                switch (await WriteRowAsync(db, batch, row, context, options, errors, ct))
                {
                    case RowOutcome.Created: created++; break;
                    case RowOutcome.Updated: updated++; break;
                    case RowOutcome.Unchanged: unchanged++; break;
                    case RowOutcome.Skipped: skipped++; break;
                    default: failed++; break;
                }
            }
            await batch.SaveAsync(ct);
            if (!options.DryRun) await transaction.CommitAsync(ct);   // a dry run's transaction rolls back as it is disposed
            foreach (var row in rows) dryRun?.Remember(row.Line, row.Set);
            return new ImportCounts(created, updated, unchanged, skipped, failed);
        }
        catch (Exception e) when (e is DbUpdateException || StoreUniqueViolation.Is(e))
        {
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<RowOutcome> WriteRowAsync(AppDbContext db, ContactBatch batch, PendingRow row, WriteContext context, ImportOptions options,
        List<ImportRowError> errors, CancellationToken ct)
    {
        var set = row.Set;
        switch (await batch.ResolveAsync(set.Identifiers, ct))
        {
            case Resolution.Conflict conflict:
                errors.Add(new ImportRowError(row.Line, "", "", conflict.Detail));
                return RowOutcome.Error;
            case Resolution.Found { AnonymousToMerge.Count: > 0 }:
                errors.Add(new ImportRowError(row.Line, "", "", "The row names a contact known from anonymous devices: merge it on the card or through the API."));
                return RowOutcome.Error;
            case Resolution.Found when options.Mode == ImportMode.CreateOnly:
            case Resolution.NotFound when options.Mode == ImportMode.UpdateOnly:
                return RowOutcome.Skipped;
        }

        // Subscriptions after the fields: whether the address may be subscribed depends on its status, which a new email changes.
        if (await batch.WriteAsync(set with { SubscribeTo = [] }, context, ct) is not BatchWrite.Written written)
        {
            errors.Add(new ImportRowError(row.Line, "", "", "The row's identifiers name different contacts."));
            return RowOutcome.Error;
        }
        var changed = written.Changed;
        if (set.SubscribeTo.Count > 0)
        {
            var contact = written.Contact;
            var allowed = Subscribable(contact, set.SubscribeTo, options.FileCarriesConsent);
            if (allowed.Count > 0 && contact.EmailStatus is EmailStatus.Unsubscribed or EmailStatus.ReportedSpam)
            {
                await RecordConsentAsync(db, contact, context, ct);
                changed = true;
            }
            if (allowed.Count > 0 && await batch.WriteAsync(new ContactChangeSet(set.Identifiers, new Dictionary<Profile.Fields.FieldKey, string?>(), [], allowed),
                    context, ct, completesPrevious: true) is BatchWrite.Written subscribed)
                changed |= subscribed.Changed;
        }
        return written.Created ? RowOutcome.Created : changed ? RowOutcome.Updated : RowOutcome.Unchanged;
    }

    /// <summary>
    /// The categories an import may subscribe the contact to: none for a blacklisted address; without the file's consent,
    /// none for an address that unsubscribed or complained, and no category the contact unsubscribed from.
    /// </summary>
    private static List<int> Subscribable(Contact contact, IReadOnlyList<int> categories, bool consent)
    {
        if (contact.EmailStatus == EmailStatus.Blacklisted) return [];
        if (!consent && contact.EmailStatus is EmailStatus.Unsubscribed or EmailStatus.ReportedSpam) return [];
        var allowed = new List<int>();
        foreach (var id in categories.Distinct())
        {
            var subscription = contact.Subscriptions.FirstOrDefault(s => s.CategoryId == id);
            if (subscription is { IsSubscribed: true }) continue;
            if (subscription is { IsSubscribed: false } && !consent) continue;
            allowed.Add(id);
        }
        return allowed;
    }

    /// <summary>
    /// The file's consent as the card records it: a "resubscribed" event in the address's log, naming the import, and the
    /// status re-derived from the log (consent ends an unsubscribe or a complaint, never a blacklisting).
    /// </summary>
    private async Task RecordConsentAsync(AppDbContext db, Contact contact, WriteContext context, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address) return;
        var consent = new EmailEvent
        {
            Address = address, ContactId = contact.Id == 0 ? null : contact.Id, Kind = EmailEventKind.Resubscribed, OccurredAt = context.Now,
            Actor = context.Actor.Name, Note = "The imported file carries the contact's consent.",
        };
        db.EmailEvents.Add(consent);
        var log = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        log.Add(consent);
        EmailStatusRules.Fold(log, emailRules).ApplyTo(contact);
    }
}
