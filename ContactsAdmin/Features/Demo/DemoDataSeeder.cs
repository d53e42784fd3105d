using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Fills the store with realistic, deterministic demo data: the same options and the same day (from the
/// injected clock) give the same rows, ids included. Every date is an offset from today's UTC midnight.
/// Each contact's email status columns are folded from its email events, never set by hand.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Seeds only when there are no contacts yet; says whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(DemoDataOptions options, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Contacts.AnyAsync(ct)) return false;
        }
        await SeedAsync(options, fresh: false, progress, ct);
        return true;
    }

    /// <summary>
    /// Adds the demo contacts; with <paramref name="fresh"/>, first deletes every contact and everything hanging
    /// off contacts, and the demo's definitions (users and API keys stay). All in one transaction.
    /// </summary>
    public async Task SeedAsync(DemoDataOptions options, bool fresh, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Contacts);
        var today = clock.GetUtcNow().UtcDateTime.Date;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();

        if (fresh)
        {
            progress?.Report(new SeedProgress("Clearing", 0, 1));
            await DemoDataEraser.EraseAsync(db, ct);
            progress?.Report(new SeedProgress("Clearing", 1, 1));
        }

        progress?.Report(new SeedProgress("Definitions", 0, 1));
        var definitions = await DemoDefinitions.EnsureAsync(db, ct);
        var taken = await DemoTakenIdentifiers.LoadAsync(connection, sqliteTransaction, ct);
        progress?.Report(new SeedProgress("Definitions", 1, 1));

        // The known contacts come first and count towards the total; there are always all of them.
        var total = Math.Max(options.Contacts, DemoContacts.All.Count);
        var people = new DemoContactFactory(options.Seed, today, definitions, taken);
        using (var writer = new DemoDataWriter(connection, sqliteTransaction))
        {
            for (var index = 0; index < total; index++)
            {
                // Prepared SQLite statements run synchronously anyway; check for cancellation per contact.
                ct.ThrowIfCancellationRequested();
                if (people.Create(index) is { } draft)
                {
                    var emailStatus = Complete(draft, index, options, today, definitions);
                    writer.Write(draft, emailStatus);
                }
                progress?.Report(new SeedProgress("Contacts", index + 1, total));
            }
        }

        progress?.Report(new SeedProgress("Saving", 0, 1));
        await transaction.CommitAsync(ct);
        progress?.Report(new SeedProgress("Saving", 1, 1));
    }

    // Adds the contact's history and folds its email status from the email events.
    private static EmailStatusState? Complete(DemoContactDraft draft, int index, DemoDataOptions options, DateTime today, DemoDefinitions definitions)
    {
        var activityRandom = DemoSeeds.For(options.Seed, index, DemoSeeds.Activity);
        var count = options.ActivitiesPerContact is { } perContact
            ? (int)Math.Round(perContact * activityRandom.Double(0.8, 1.2))
            : activityRandom.Int(20, 200);

        // About a fifth of the activity is email; each message makes one to three activities.
        var emailMessages = draft.Contact.Email is null ? 0 : (int)Math.Round(count * 0.2 / 1.6);
        emailMessages = Math.Min(emailMessages, Math.Max(1, (int)draft.History(today).TotalDays / 2));
        DemoEmailStory.Tell(draft, DemoSeeds.For(options.Seed, index, DemoSeeds.EmailHistory), today, options.EmailStatusRules, emailMessages);
        DemoActivityHistory.Write(draft, activityRandom, today, definitions.Widgets, count - draft.Activities.Count);

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
