using System.Collections.Concurrent;
using System.Threading.Channels;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Fills the store with realistic, deterministic demo data: the same options and the same day (from the
/// injected clock) give the same rows, ids included. Every date is an offset from today's UTC midnight.
/// Each contact's email status columns are folded from its email events, never set by hand.
/// </summary>
/// <remarks>
/// Built for a million contacts: one thread makes contacts while another writes the previous batch through the
/// engine's bulk path, and into empty contact tables the rows go without secondary indexes, which are rebuilt at
/// the end (see <see cref="StoreBulkLoad"/>). Everything happens in one transaction, so a failure leaves the store as it was.
/// </remarks>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> dbFactory, StoreEngine engine, TimeProvider clock)
{
    // Rows per batch handed from the generating thread to the writing one: large enough to keep SQLite's
    // statements (and PostgreSQL's COPY) full, small enough that progress moves smoothly.
    private const int RowsPerBatch = 8_192;

    /// <summary>Seeds only when there are no contacts yet; null when it did not.</summary>
    public async Task<SeedSummary?> SeedIfEmptyAsync(DemoDataOptions options, IProgress<StageProgress>? progress, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Contacts.AnyAsync(ct)) return null;
        }
        return await SeedAsync(options, fresh: false, progress, ct);
    }

    /// <summary>
    /// Adds the demo contacts; with <paramref name="fresh"/>, first deletes every contact and everything hanging
    /// off contacts, and the demo's definitions (users and API keys stay). All in one transaction.
    /// </summary>
    public async Task<SeedSummary> SeedAsync(DemoDataOptions options, bool fresh, IProgress<StageProgress>? progress, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Contacts);
        var started = clock.GetTimestamp();
        var today = clock.GetUtcNow().UtcDateTime.Date;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var load = await engine.OpenBulkLoadAsync(db, DemoBatch.EntityTypes, fresh, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await load.BeginAsync(transaction.GetDbTransaction(), ct);

        if (fresh)
        {
            progress?.Report(new StageProgress("Clearing", 0, 1));
            await DemoDataEraser.EraseAsync(db, load, ct);
            progress?.Report(new StageProgress("Clearing", 1, 1));
        }

        progress?.Report(new StageProgress("Definitions", 0, 1));
        var definitions = await DemoDefinitions.EnsureAsync(db, ct);
        var taken = await DemoTakenIdentifiers.LoadAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
        var firstId = await load.NextContactIdAsync(ct);
        progress?.Report(new StageProgress("Definitions", 1, 1));

        var written = await WriteContactsAsync(engine, db, options, today, definitions, taken, firstId, progress, ct);
        await engine.Identifiers.IndexLoadedAsync(db, firstId, ct);   // the bulk load is not a tracked save
        await load.FinishAsync(progress, ct);

        progress?.Report(new StageProgress("Saving", 0, 1));
        await transaction.CommitAsync(ct);
        progress?.Report(new StageProgress("Saving", 1, 1));
        await load.SettleAsync(progress, ct);
        return written with { Elapsed = clock.GetElapsedTime(started) };
    }

    // The known contacts come first and count towards the total; there are always all of them. One task makes
    // the contacts in index order (identifiers stay unique and ids follow the order) while this one writes.
    private static async Task<SeedSummary> WriteContactsAsync(
        StoreEngine engine, AppDbContext db, DemoDataOptions options, DateTime today, DemoDefinitions definitions,
        DemoTakenIdentifiers taken, long firstId, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        var total = Math.Max(options.Contacts, DemoContacts.All.Count);
        var batches = Channel.CreateBounded<DemoBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var spare = new ConcurrentBag<DemoBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var making = Task.Run(() => MakeContactsAsync(batches.Writer, spare, db.Model, options, today, definitions, taken, firstId, total, stop.Token), stop.Token);

        var summary = new SeedSummary(0, 0, 0, TimeSpan.Zero);
        var done = 0;
        try
        {
            progress?.Report(new StageProgress("Contacts", 0, total));
            using var writer = new DemoDataWriter(engine, db);
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                writer.Write(batch);
                summary = summary with
                {
                    Contacts = summary.Contacts + batch.Contacts.Count,
                    Activities = summary.Activities + batch.Activities.Count,
                    Rows = summary.Rows + batch.Rows,
                };
                done += batch.ContactsDone;
                progress?.Report(new StageProgress("Contacts", done, total));
                batch.Clear();
                spare.Add(batch);
            }
        }
        catch
        {
            // The write failed (or seeding was cancelled): stop the maker and wait for it, and report this failure.
            await stop.CancelAsync();
            await making.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await making;   // a failure while making contacts ended the batches early: report it
        return summary;
    }

    private static async Task MakeContactsAsync(
        ChannelWriter<DemoBatch> batches, ConcurrentBag<DemoBatch> spare, IModel model, DemoDataOptions options, DateTime today,
        DemoDefinitions definitions, DemoTakenIdentifiers taken, long firstId, int total, CancellationToken ct)
    {
        try
        {
            var people = new DemoContactFactory(options.Seed, today, definitions, taken);
            var counts = new DemoActivityCounts(options.ActivitiesPerContact, total);
            var nextId = firstId;
            var batch = spare.TryTake(out var reused) ? reused : new DemoBatch(model);
            for (var index = 0; index < total; index++)
            {
                ct.ThrowIfCancellationRequested();
                var heavyUser = counts.IsHeavy(index);
                if (people.Create(index, heavyUser) is { } draft)
                {
                    var emailStatus = Complete(draft, index, options, counts, today, definitions);
                    batch.Add(nextId++, draft, emailStatus);
                }
                batch.ContactsDone++;
                if (batch.Rows >= RowsPerBatch)
                {
                    await batches.WriteAsync(batch, ct);
                    batch = spare.TryTake(out reused) ? reused : new DemoBatch(model);
                }
            }
            if (batch.ContactsDone > 0) await batches.WriteAsync(batch, ct);
        }
        finally
        {
            batches.Complete();
        }
    }

    // Adds the contact's history and folds its email status from the email events.
    private static EmailStatusState? Complete(DemoContactDraft draft, int index, DemoDataOptions options, DemoActivityCounts counts, DateTime today, DemoDefinitions definitions)
    {
        var activityRandom = DemoSeeds.For(options.Seed, index, DemoSeeds.Activity);
        var count = counts.For(index, activityRandom);

        // About a fifth of the activity is email; each message makes one to three activities.
        var emailMessages = draft.Contact.Email is null ? 0 : (int)Math.Round(count * 0.2 / 1.6);
        emailMessages = Math.Min(emailMessages, Math.Max(1, (int)draft.History(today).TotalDays / 2));
        DemoEmailStory.Tell(draft, DemoSeeds.For(options.Seed, index, DemoSeeds.EmailHistory), today, options.EmailStatusRules, emailMessages);
        DemoActivityHistory.Write(draft, activityRandom, today, definitions.Widgets, count - draft.Activities.Count);
        draft.CutTimesToSeconds();

        if (draft.Contact.EmailNormalized is null)
        {
            // The fold knows addresses; a contact without one is NoEmail with empty status columns.
            draft.Contact.EmailStatus = EmailStatus.NoEmail;
            return null;
        }
        var state = EmailStatusRules.Fold(draft.EmailEvents, options.EmailStatusRules);
        state.ApplyTo(draft.Contact);
        return state;
    }
}

/// <summary>What a seed wrote: contacts, activities, rows in all tables, and how long it took.</summary>
public sealed record SeedSummary(int Contacts, long Activities, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
