namespace ContactsAdmin.Data;

/// <summary>
/// What a search asks the contacts' search index: its text in lower case and, when it looks like (part of) a phone
/// number, its digits without a trunk 0. Each engine's index answers it its own way (<see cref="ContactSearchIndex"/>).
/// </summary>
public sealed record SearchTerms(string Text, string? PhoneDigits);

/// <summary>
/// The contacts' substring search index, one per engine (SQLite: an FTS5 trigram table; PostgreSQL: a narrow table with
/// pg_trgm GIN indexes). Both find the contacts whose name, email or External ID holds the text, or whose
/// phone holds the digits: what the scan in ContactFiltering.SearchByScan finds, which tests compare them with.
/// </summary>
public abstract class ContactSearchIndex
{
    /// <summary>The ids of the contacts that match, only those in [<paramref name="from"/>, <paramref name="to"/>) when given.</summary>
    public abstract IQueryable<long> Ids(AppDbContext db, SearchTerms terms, (long From, long To)? within = null);

    /// <summary>
    /// How many contacts match, up to <paramref name="limit"/> when given, counted in the index alone: reading no
    /// contact rows makes this a fraction of the cost of a count that joins them.
    /// </summary>
    public abstract Task<int> CountAsync(AppDbContext db, SearchTerms terms, int? limit, CancellationToken ct);

    /// <summary>
    /// The contacts that match, as a page of a search on its own reads them when the index counted more than a few
    /// matches but not many (Features/Contacts/SearchPlan's middle plan): the page sorts them and takes its rows, and
    /// each engine writes this so that its planner does that cheaply. <paramref name="contacts"/> is the contacts
    /// table (as queried, e.g. without tracking).
    /// </summary>
    public abstract IQueryable<Contact> CountedMatches(AppDbContext db, IQueryable<Contact> contacts, SearchTerms terms, (long From, long To)? within = null);

    /// <summary>
    /// Up to this many times √(contacts) matches, a page of a search on its own reads the matches as a list of ids
    /// (<c>Id IN (...)</c>) rather than through <see cref="CountedMatches"/>: where a list of few ids is the cheaper
    /// plan and the engine's planner finds it.
    /// </summary>
    public abstract double FewMatches { get; }

    /// <summary>
    /// For the rest of the calling flow, until disposed: contacts re-indexed in bulk leave the index's own clean-up of their
    /// old entries to <see cref="TidyStepAsync"/>, which the caller runs when it is done (an import) and
    /// <see cref="DeferredTidying.RenamedContacts"/> says is worth it.
    /// </summary>
    public virtual DeferredTidying DeferTidying() => new();

    /// <summary>
    /// One short step of tidying the index after many contacts were re-indexed at once, in the caller's transaction:
    /// true while there is more to do. <paramref name="first"/> starts the round. Engines whose index needs none say false.
    /// </summary>
    public virtual Task<bool> TidyStepAsync(AppDbContext db, bool first, CancellationToken ct) => Task.FromResult(false);
}

/// <summary>
/// A flow's deferred tidying of the search index (<see cref="ContactSearchIndex.DeferTidying"/>): how many contacts it
/// re-indexed, leaving their old entries for <see cref="ContactSearchIndex.TidyStepAsync"/>. Engines that keep no such
/// entries count none.
/// </summary>
public class DeferredTidying : IDisposable
{
    /// <summary>Contacts whose searched values changed in the flow so far (one counted again for each time).</summary>
    public long RenamedContacts { get; private set; }

    internal void CountRenamed(int contacts) => RenamedContacts += contacts;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
