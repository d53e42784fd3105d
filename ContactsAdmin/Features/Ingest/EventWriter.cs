using System.Threading.Channels;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

/// <summary>A checked event to store: who it is about, the activity it becomes (its contact still unknown) and who sent it.</summary>
public sealed record EventToStore(ContactIdentifiers Identifiers, ActivityInput Activity, ChangeActor Actor)
{
    public string EventType => Activity.Name;
}

/// <summary>
/// Stores the API's events with group commit. SQLite has one writer, so parallel requests each with a transaction
/// of its own mostly wait for each other; here they queue, and one writer takes whatever is waiting (up to
/// <see cref="MaxGroup"/>) and stores it in one transaction: a query per kind of identifier for the whole group,
/// contacts created as needed, one query for the keyValues stored before and one statement inserting the new
/// activities. A bulk request (POST /events) is stored the same way, a group per transaction. Each event then gets its
/// own outcome, exactly as if its event had been stored alone: 201 or an idempotent 200 (also when two events of one
/// group share a keyValue: the first is stored, the second answers with it), a 409 conflict or an unknown device.
/// A group the fast path cannot take (an event that would merge anonymous contacts, a row the store refuses) is
/// stored again one event at a time, as before, so every request still gets its precise answer.
/// </summary>
public sealed class EventWriter(
    IDbContextFactory<AppDbContext> dbFactory,
    ContactIngest contacts,
    ActivityRecorder activities,
    EmailStatusRuleOptions emailRules,
    IngestWriteGate gate,
    StoreEngine engine,
    ILogger<EventWriter> logger) : IAsyncDisposable
{
    /// <summary>Events per transaction at most: enough to empty the queue under load, few enough to keep the write lock short.</summary>
    public const int MaxGroup = 256;

    /// <summary>
    /// A bulk request's events per transaction: large enough that the per-transaction work (the identity queries, the
    /// commit) is spread thin, small enough that single events queued behind it wait a few tens of milliseconds.
    /// </summary>
    public const int MaxBulkGroup = 1000;

    private sealed record Pending(EventToStore Event, TaskCompletionSource<EventOutcome> Done);

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock starting = new();
    private Task? loop;

    /// <summary>Queues the event and waits until its group is stored.</summary>
    public async Task<EventOutcome> WriteAsync(EventToStore e, CancellationToken ct)
    {
        EnsureStarted();
        var pending = new Pending(e, new TaskCompletionSource<EventOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        // A caller that gives up does not take the event back: it may be stored anyway, and a retry with the same
        // keyValue answers 200 with it.
        return await pending.Done.Task.WaitAsync(ct);
    }

    private void EnsureStarted()
    {
        if (loop is not null) return;
        lock (starting) loop ??= Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                while (group.Count < MaxGroup && queue.Reader.TryRead(out var pending)) group.Add(pending);
                // Let requests that are being read right now join: one turn of the thread pool costs next to
                // nothing and, with a handful of clients, makes groups larger (measured: 2.1 to 2.6 events a group).
                await Task.Yield();
                while (group.Count < MaxGroup && queue.Reader.TryRead(out var more)) group.Add(more);
                await WriteGroupAsync(group, stopping.Token);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var pending in group) pending.Done.TrySetCanceled(stopping.Token);
        }
    }

    private async Task WriteGroupAsync(List<Pending> group, CancellationToken ct)
    {
        if (await TryTogetherAsync([.. group.Select(p => p.Event)], ct) is { } outcomes)
        {
            for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(outcomes[i]);
            return;
        }
        foreach (var pending in group)
        {
            try
            {
                pending.Done.TrySetResult(await WriteOneAsync(pending.Event, ct));
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// POST /events: the events of one request, <see cref="MaxBulkGroup"/> to a transaction (not through the queue: the
    /// request is a group already), each with the outcome it would have had alone. A group the fast path cannot take
    /// is stored one event at a time, as the queue's groups are.
    /// </summary>
    public async Task<IReadOnlyList<EventOutcome>> WriteManyAsync(IReadOnlyList<EventToStore> events, CancellationToken ct)
    {
        var outcomes = new List<EventOutcome>(events.Count);
        foreach (var group in events.Chunk(MaxBulkGroup))
        {
            if (await TryTogetherAsync(group, ct) is { } together)
            {
                outcomes.AddRange(together);
                continue;
            }
            foreach (var e in group) outcomes.Add(await WriteOneAsync(e, ct));
        }
        return outcomes;
    }

    /// <summary>The group in one transaction, or null when nothing of it was stored and it must go one event at a time.</summary>
    private async Task<EventOutcome[]?> TryTogetherAsync(EventToStore[] group, CancellationToken ct)
    {
        try
        {
            // Another instance may store one of these people or keyValues meanwhile: again, finding its rows.
            return await StoreWriteRace.RunAsync(engine, () => TryWriteTogetherAsync(group, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the group was stored (the transaction rolled back); one at a time tells whose event it was.
            logger.LogWarning(e, "A group of {Count} events could not be stored together; storing them one at a time.", group.Length);
            return null;
        }
    }

    /// <summary>The group in one transaction, or null (nothing written) when it must be stored one event at a time.</summary>
    internal async Task<EventOutcome[]?> TryWriteTogetherAsync(IReadOnlyList<EventToStore> group, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await ContactBatch.LoadAsync(db, [.. group.Select(e => ContactChangeSet.IdentifiersOnly(e.Identifiers))], ct, createOnly: true);

        var now = contacts.Now;
        var outcomes = new EventOutcome?[group.Count];
        var about = new (Contact Contact, bool Created)?[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            var e = group[i];
            if (ActivityRecorder.EmailEventFor(e.Activity) is not null) return null;   // feeds the email status: the recorder's job
            var resolution = await batch.ResolveAsync(e.Identifiers, ct);
            switch (resolution)
            {
                case Resolution.Conflict conflict:
                    outcomes[i] = new EventOutcome.Conflict(conflict);
                    continue;
                case Resolution.Found { AnonymousToMerge.Count: > 0 }:
                    return null;
                case Resolution.Found found:
                    // As before: an event about a known contact does not change the contact.
                    about[i] = (batch.ContactOf(found), false);
                    continue;
                case Resolution.NotFound when e.Identifiers is { ExternalId: null, Email: null, Phone: null }:
                    outcomes[i] = new EventOutcome.UnknownDevice(e.Identifiers.DeviceIdList[0]);
                    continue;
            }
            var context = new WriteContext(e.Actor, EventSources.For(e.EventType), now, IngestLookups.Empty, emailRules, contacts.Suppressions);
            switch (await batch.WriteAsync(ContactChangeSet.IdentifiersOnly(e.Identifiers), context, ct))
            {
                case BatchWrite.Written written:
                    about[i] = (written.Contact, written.Created);
                    break;
                case BatchWrite.Refused refused:
                    outcomes[i] = new EventOutcome.Conflict(refused.Conflict);
                    break;
                default:
                    return null;
            }
        }
        await batch.SaveAsync(ct);

        // Idempotency: a keyValue stored before, or earlier in this group, answers with that activity. One query finds
        // the stored ones (the engine's unique keys answer it), one statement inserts the rest, one claims their keys.
        var rows = new (long ActivityId, bool Created)?[group.Count];
        var stored = await engine.EventKeys.StoredAsync(db, [.. group.Where((_, i) => about[i] is not null).Select(e => e.Activity.EventKey).OfType<string>()], ct);
        var firstOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        var laterOfGroup = new List<(int Index, int First)>();
        var toInsert = new List<(int Index, Activity Row)>(group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            if (about[i] is not { } target) continue;
            var input = group[i].Activity with { ContactId = target.Contact.Id };
            if (input.EventKey is { } key)
            {
                if (stored.TryGetValue(key, out var storedId)) { rows[i] = (storedId, false); continue; }
                if (firstOfGroup.TryGetValue(key, out var first)) { laterOfGroup.Add((i, first)); continue; }
                firstOfGroup[key] = i;
            }
            toInsert.Add((i, ActivityRecorder.NewActivity(input)));
        }
        using (var insert = StoreEngine.Of(db).BulkInsert<Activity>(db))
        {
            var ids = insert.InsertReturningIds([.. toInsert.Select(r => r.Row)]);
            for (var n = 0; n < toInsert.Count; n++) rows[toInsert[n].Index] = (ids[n], true);
            var keyed = new List<(string Key, long ActivityId)>();
            for (var n = 0; n < toInsert.Count; n++)
                if (toInsert[n].Row.EventKey is { } key) keyed.Add((key, ids[n]));
            await engine.EventKeys.ClaimAsync(db, keyed, ct);
        }
        foreach (var (index, first) in laterOfGroup) rows[index] = (rows[first]!.Value.ActivityId, false);
        await transaction.CommitAsync(ct);

        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is not null) continue;
            var (contact, contactCreated) = about[i]!.Value;
            var (activityId, created) = rows[i]!.Value;
            outcomes[i] = new EventOutcome.Recorded(activityId, created, contact.Id, contactCreated);
        }
        return outcomes!;
    }

    /// <summary>One event in transactions of its own, as every event was stored before group commit.</summary>
    private async Task<EventOutcome> WriteOneAsync(EventToStore e, CancellationToken ct)
    {
        var (contactId, contactCreated, stop) = await FindOrCreateContactAsync(e, ct);
        if (stop is not null) return stop;
        var recorded = await activities.RecordAsync(e.Activity with { ContactId = contactId }, ct);
        return new EventOutcome.Recorded(recorded.Id, recorded.Created, contactId, contactCreated);
    }

    /// <summary>The contact's id and whether it was created now, or the outcome that stops the event.</summary>
    private async Task<(long ContactId, bool Created, EventOutcome? Stop)> FindOrCreateContactAsync(EventToStore e, CancellationToken ct)
    {
        // A read first: almost every event is about a contact the store already knows, and a read takes no write lock.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var resolution = await IdentityResolver.ResolveAsync(db, e.Identifiers, ct);
            if (resolution is Resolution.Conflict conflict) return (0, false, new EventOutcome.Conflict(conflict));
            if (resolution is Resolution.Found { AnonymousToMerge.Count: 0 } found) return (found.ContactId, false, null);
            if (resolution is Resolution.NotFound && e.Identifiers is { ExternalId: null, Email: null, Phone: null })
                return (0, false, new EventOutcome.UnknownDevice(e.Identifiers.DeviceIdList[0]));
        }
        // Unknown (or to be merged): the write path resolves again inside its transaction, so parallel
        // events about the same new person create it once.
        var outcome = await contacts.WriteAsync(ContactChangeSet.IdentifiersOnly(e.Identifiers), IngestLookups.Empty, e.Actor, EventSources.For(e.EventType), ct);
        return outcome switch
        {
            ContactWriteOutcome.Written written => (written.ContactId, written.Created, null),
            ContactWriteOutcome.Conflict conflict => (0, false, new EventOutcome.Conflict(conflict.Detail)),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        if (loop is not null)
        {
            try { await loop; }
            catch (OperationCanceledException) { }
        }
        while (queue.Reader.TryRead(out var pending)) pending.Done.TrySetCanceled();
        stopping.Dispose();
    }
}
