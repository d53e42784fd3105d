using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Merging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContactsAdmin.Features.Ingest;

/// <summary>What became of one contact of a request.</summary>
public abstract record ContactWriteOutcome
{
    public sealed record Written(long ContactId, bool Created, IReadOnlyList<MergeSummary> Merged) : ContactWriteOutcome;
    public sealed record Invalid(ApiErrors Errors) : ContactWriteOutcome;
    public sealed record Conflict(Resolution.Conflict Detail) : ContactWriteOutcome;
    /// <summary>The store refused the item (a constraint the checks did not foresee); nothing of it was written.</summary>
    public sealed record Failed(string Detail) : ContactWriteOutcome;
}

/// <summary>
/// Writes contacts for the API and the public forms: one at a time, or a bulk of up to 3000 in a few
/// transactions. Each write resolves the identity inside its transaction, and SQLite transactions here
/// begin IMMEDIATE (one writer at a time; <see cref="IngestWriteGate"/> keeps the API's in line), so two
/// requests naming the same new person cannot both create it.
/// </summary>
public sealed class ContactIngest(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    ContactsOptions contactsOptions,
    EmailStatusRuleOptions emailRules,
    IngestWriteGate gate,
    StoreEngine engine,
    ProfileFieldTable profileFields,
    SuppressionHasher suppressions)
{
    /// <summary>
    /// Bulk items per transaction: a whole request (3000 new contacts take about half a second). Each commit writes
    /// every index page its contacts touched, so fewer, larger transactions write each page fewer times (measured:
    /// 500 -> 3000 items cut the commits' time by two thirds).
    /// </summary>
    private const int ItemsPerTransaction = ApiOptions.MaxBulkContacts;

    public string DefaultPhoneRegion => contactsOptions.DefaultPhoneRegion;

    /// <summary>The key erased contacts' suppressions are looked up with: every <see cref="WriteContext"/> carries it.</summary>
    public SuppressionHasher Suppressions => suppressions;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IngestLookups> LookupsAsync(AppDbContext db, CancellationToken ct) => new(
        await db.CustomFieldDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Id, ct),
        await db.SubscriptionCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct),
        profileFields);

    public async Task<IngestLookups> LookupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LookupsAsync(db, ct);
    }

    public ContactPayloadReader Reader(IngestLookups lookups) => new(lookups, RuleContext);

    /// <summary>What the field rules need today: the default phone region and the date birth dates are checked against.</summary>
    public FieldRuleContext RuleContext => new(DefaultPhoneRegion, DateOnly.FromDateTime(Now));

    /// <summary>POST /contact: validates, then writes in a transaction of its own.</summary>
    public async Task<ContactWriteOutcome> WriteAsync(ContactPayload payload, ChangeActor actor, ContactSource source, CancellationToken ct)
    {
        var lookups = await LookupsAsync(ct);
        var (set, errors) = Reader(lookups).Read(payload);
        return set is null ? new ContactWriteOutcome.Invalid(errors) : await WriteAsync(set, lookups, actor, source, ct);
    }

    /// <summary>Writes a validated change set in a transaction of its own.</summary>
    public async Task<ContactWriteOutcome> WriteAsync(ContactChangeSet set, IngestLookups lookups, ChangeActor actor, ContactSource source, CancellationToken ct) =>
        await StoreWriteRace.RunAsync(engine, () => WriteOnceAsync(set, lookups, actor, source, ct));

    private async Task<ContactWriteOutcome> WriteOnceAsync(ContactChangeSet set, IngestLookups lookups, ChangeActor actor, ContactSource source, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await ContactUpserter.WriteAsync(db, set, new WriteContext(actor, source, Now, lookups, emailRules, suppressions), ct);
        if (outcome is UpsertOutcome.Refused refused)
            return new ContactWriteOutcome.Conflict(refused.Conflict);   // nothing was written; disposing rolls back
        await transaction.CommitAsync(ct);
        var written = (UpsertOutcome.Written)outcome;
        return new ContactWriteOutcome.Written(written.ContactId, written.Created, written.Merged);
    }

    /// <summary>
    /// POST /contacts: each item is checked on its own; the valid ones are written in transactions of
    /// <see cref="ItemsPerTransaction"/>. A transaction's items are written as a <see cref="ContactBatch"/> (a query
    /// per kind of identifier and one save for all of them); when the store refuses that save, or an item would merge
    /// anonymous contacts, the transaction is written again one item at a time, each inside a savepoint, so a
    /// refused item leaves no trace and is reported alone. <paramref name="items"/> holds a payload, or the reason
    /// the item's JSON could not be read.
    /// </summary>
    public async Task<IReadOnlyList<ContactWriteOutcome>> WriteManyAsync(IReadOnlyList<(ContactPayload? Payload, ApiErrors? JsonErrors)> items,
        ChangeActor actor, ContactSource source, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lookups = await LookupsAsync(db, ct);
        var reader = Reader(lookups);
        var outcomes = new ContactWriteOutcome[items.Count];
        var valid = new List<(int Index, ContactChangeSet Set)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (payload, jsonErrors) = items[i];
            if (payload is null) { outcomes[i] = new ContactWriteOutcome.Invalid(jsonErrors!); continue; }
            var (set, errors) = reader.Read(payload);
            if (set is null) outcomes[i] = new ContactWriteOutcome.Invalid(errors);
            else valid.Add((i, set));
        }

        var context = new WriteContext(actor, source, Now, lookups, emailRules, suppressions);
        foreach (var chunk in valid.Chunk(ItemsPerTransaction))
        {
            using var turn = await gate.EnterAsync(ct);
            Together together;
            try
            {
                together = await StoreWriteRace.RunAsync(engine, () => TryWriteTogetherAsync(db, chunk, context, outcomes, ct));
            }
            catch (Exception e) when (StoreWriteRace.Lost(engine, e))
            {
                together = Together.OneByOne;   // lost every try: one by one finds the other writer's people item by item
            }
            if (together != Together.Written)
                await WriteOneByOneAsync(db, chunk, context, outcomes, ct);
        }
        return outcomes;
    }

    private enum Together { Written, OneByOne }

    /// <summary>
    /// The chunk as one batch in one transaction; nothing written when it must go one by one, or (thrown) when another
    /// writer stored some of its people meanwhile and it must be tried again (<see cref="StoreWriteRace"/>).
    /// </summary>
    private async Task<Together> TryWriteTogetherAsync(AppDbContext db, (int Index, ContactChangeSet Set)[] chunk, WriteContext context,
        ContactWriteOutcome[] outcomes, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var batch = await ContactBatch.LoadAsync(db, [.. chunk.Select(c => c.Set)], ct);
            var writes = new List<(int Index, BatchWrite Write)>(chunk.Length);
            foreach (var (index, set) in chunk)
            {
                var write = await batch.WriteAsync(set, context, ct);
                if (write is BatchWrite.NeedsMerge) return Together.OneByOne;   // disposing rolls back
                writes.Add((index, write));
            }
            await batch.SaveAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var (index, write) in writes)
            {
                outcomes[index] = write switch
                {
                    BatchWrite.Written written => new ContactWriteOutcome.Written(written.Contact.Id, written.Created, []),
                    BatchWrite.Refused refused => new ContactWriteOutcome.Conflict(refused.Conflict),
                    _ => throw new InvalidOperationException($"Unknown write {write}"),
                };
            }
            return Together.Written;
        }
        catch (Exception e) when (!StoreWriteRace.Lost(engine, e) && (e is DbUpdateException || StoreUniqueViolation.Is(e)))
        {
            return Together.OneByOne;   // an item the store refuses (new contacts go in with a prepared INSERT, so SQLite's own error): one by one finds which
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task WriteOneByOneAsync(AppDbContext db, (int Index, ContactChangeSet Set)[] chunk, WriteContext context,
        ContactWriteOutcome[] outcomes, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (index, set) in chunk)
        {
            try
            {
                outcomes[index] = await StoreWriteRace.RunAsync(engine, () => WriteItemAsync(db, transaction, set, context, ct));
            }
            catch (DbUpdateException e)
            {
                // One item the store refuses (or that lost every race) must not take the good ones with it.
                outcomes[index] = new ContactWriteOutcome.Failed(e.InnerException?.Message ?? e.Message);
            }
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>One item inside a savepoint: when the store refuses it, the savepoint is undone before the refusal is thrown.</summary>
    private async Task<ContactWriteOutcome> WriteItemAsync(AppDbContext db, IDbContextTransaction transaction, ContactChangeSet set,
        WriteContext context, CancellationToken ct)
    {
        await transaction.CreateSavepointAsync("item", ct);
        try
        {
            var outcome = await ContactUpserter.WriteAsync(db, set, context, ct);
            await transaction.ReleaseSavepointAsync("item", ct);
            return outcome switch
            {
                UpsertOutcome.Refused refused => new ContactWriteOutcome.Conflict(refused.Conflict),
                UpsertOutcome.Written written => new ContactWriteOutcome.Written(written.ContactId, written.Created, written.Merged),
                _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
            };
        }
        catch (Exception e) when (e is DbUpdateException || StoreWriteRace.Lost(engine, e))
        {
            await transaction.RollbackToSavepointAsync("item", ct);
            await transaction.ReleaseSavepointAsync("item", ct);
            throw;
        }
        finally
        {
            // Keep the change tracker small: every item stands alone.
            db.ChangeTracker.Clear();
        }
    }
}
