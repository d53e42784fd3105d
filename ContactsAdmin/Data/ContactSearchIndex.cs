namespace ContactsAdmin.Data;

/// <summary>
/// What a search asks the contacts' search index: its text in lower case and, when it looks like (part of) a phone
/// number, its digits without a trunk 0. Each engine's index answers it its own way (<see cref="ContactSearchIndex"/>).
/// </summary>
public sealed record SearchTerms(string Text, string? PhoneDigits);

/// <summary>
/// The contacts' substring search index, one per engine (SQLite: an FTS5 trigram table; PostgreSQL: pg_trgm GIN
/// indexes on generated columns). Both find the contacts whose name, email or External ID holds the text, or whose
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
}
