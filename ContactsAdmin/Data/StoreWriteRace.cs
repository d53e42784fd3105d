namespace ContactsAdmin.Data;

/// <summary>
/// A write transaction that lost a race with another writer: two app instances on one PostgreSQL database received the
/// same new person (or the same event keyValue) at the same moment, both read "not stored yet", and the unique index
/// refused the second insert (or PostgreSQL broke a deadlock between them). Nothing of the loser's transaction (or
/// savepoint) was kept, and the winner has committed by the time the refusal comes (PostgreSQL holds a conflicting
/// insert until the other transaction ends), so writing it again resolves the identifiers anew, finds the winner's
/// rows and stores one contact, one activity.
/// </summary>
/// <remarks>
/// Why the unique indexes rather than advisory locks per identity key: the indexes are already the truth (they
/// refuse the duplicate whatever wrote it: an import, the card, another instance), a race costs one retry only when
/// it happens, and a bulk request of 3,000 contacts would otherwise take up to three locks per contact in one
/// transaction, more than PostgreSQL's shared lock table holds by default (max_locks_per_transaction × connections).
/// On SQLite there is no race to lose (<see cref="StoreEngine.WritersRace"/>): a refusal there is the data's, and is
/// reported at once as before.
/// </remarks>
public static class StoreWriteRace
{
    /// <summary>
    /// Tries of one write at most: each lost race means another writer committed what this one conflicted with, so the
    /// next try sees it; a few are enough even when several instances write the same people.
    /// </summary>
    public const int Attempts = 5;

    /// <summary>Whether <paramref name="e"/> means the write lost a race on <paramref name="engine"/> and may be tried again.</summary>
    public static bool Lost(StoreEngine engine, Exception e) =>
        engine.WritersRace && (StoreUniqueViolation.Is(e) || StoreBusy.Is(e));

    /// <summary>
    /// Runs <paramref name="write"/> (a whole transaction, or a savepoint's worth that undoes itself before it throws)
    /// and runs it again while it loses a race, up to <see cref="Attempts"/> tries; the last loss is thrown to the caller.
    /// </summary>
    public static async Task<T> RunAsync<T>(StoreEngine engine, Func<Task<T>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (Exception e) when (attempt < Attempts && Lost(engine, e))
            {
                // Another writer committed what this one conflicted with: the next try finds its rows.
            }
        }
    }
}
