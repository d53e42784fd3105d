using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// What differs between the database engines, one subclass each (<see cref="Sqlite.SqliteStoreEngine"/>,
/// <see cref="PostgreSql.PostgreSqlStoreEngine"/>), chosen once at start-up from Database:Provider and registered as a
/// singleton: features ask it instead of testing the provider themselves.
/// </summary>
public abstract class StoreEngine
{
    public abstract StoreProvider Provider { get; }

    /// <summary>The engine named by <paramref name="provider"/>.</summary>
    public static StoreEngine For(StoreProvider provider) => provider switch
    {
        StoreProvider.PostgreSQL => PostgreSql.PostgreSqlStoreEngine.Instance,
        _ => Sqlite.SqliteStoreEngine.Instance,
    };

    /// <summary>The engine a context runs on, for code that holds a context rather than the app's services.</summary>
    public static StoreEngine Of(DbContext db) =>
        db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgreSql.PostgreSqlStoreEngine.Instance : Sqlite.SqliteStoreEngine.Instance;

    /// <summary>The contacts' substring search index.</summary>
    public abstract ContactSearchIndex SearchIndex { get; }

    /// <summary>The identifier look-up tables, where this engine has them.</summary>
    public abstract ContactIdentifierStore Identifiers { get; }

    /// <summary>Where events' keyValues are found and kept unique.</summary>
    public abstract ActivityEventKeyStore EventKeys { get; }

    /// <summary>How a contact's own rows move to another contact (a merge and its undo).</summary>
    public abstract ContactRowMover ContactRows { get; }

    /// <summary>
    /// Whether LIKE ignores case (in ASCII, natively): SQLite's does, PostgreSQL's does not. Where it does not, a
    /// case-insensitive match compares lower() of both sides instead.
    /// </summary>
    public abstract bool LikeIgnoresAsciiCase { get; }

    /// <summary>
    /// Rows of constants to query against, e.g. the bounds of a chart's bars, sent as one parameter (a JSON array)
    /// whatever their number: EF's handling of a parameter per value costs more than the work for a hundred rows.
    /// <paramref name="columns"/> name <typeparamref name="T"/>'s properties in the order of each row's values, which
    /// are numbers, text (enums by name) or UTC times. Each list in one query needs its own <paramref name="name"/>.
    /// </summary>
    public abstract IQueryable<T> ConstantRows<T>(AppDbContext db, string name, IReadOnlyList<string> columns, IEnumerable<object?[]> rows);

    /// <summary>
    /// Whether the grid's page of a filter with few matches (counted exactly, up to the count's cap) reads the ids its
    /// count collected rather than joining the filter's lists again. On SQLite the count and the page each walk the
    /// covering indexes cheaply; on PostgreSQL the page intersected the lists a second time, reading each candidate's
    /// row for its status and date (Blacklisted + a category + a field value: 17,390 rows, 0.1 to 0.2 s), where a
    /// list of at most the cap's ids is looked up by primary key (1,962 rows, a few ms). A search on its own likewise:
    /// its trigram index reads each candidate's row of the search table to check it, once for the count is enough.
    /// </summary>
    public virtual bool PagesCountedIds => false;

    /// <summary>
    /// Whether the engine's planner may read an <c>EXISTS</c> inside <c>OR</c> as a hashed list of every row it can
    /// return, chosen by the rows it expects to check rather than a page's LIMIT (PostgreSQL). A segment rule's probes,
    /// for pages that walk the sort's index and stop soon, are then written so that it cannot
    /// (Features/Segments/FencedProbes).
    /// </summary>
    public virtual bool HashesProbesInOr => false;

    /// <summary>
    /// How many rows each query returns, in order: a count estimate's slices (Features/Contacts/CountSampling). One
    /// statement after another here; SQLite's round trips are calls within the process.
    /// </summary>
    public virtual async Task<IReadOnlyList<int>> CountEachAsync(AppDbContext db, IReadOnlyList<IQueryable<Contact>> queries, CancellationToken ct)
    {
        var counts = new List<int>(queries.Count);
        foreach (var query in queries) counts.Add(await query.CountAsync(ct));
        return counts;
    }

    /// <summary>
    /// The contacts with these ids (a count's collected matches, at most the grid's cap: <see cref="PagesCountedIds"/>),
    /// untracked, for the page to sort and take. PostgreSQL's keeps its planner from second-guessing the list
    /// (PostgreSql/ContactsById).
    /// </summary>
    public virtual IQueryable<Contact> ContactsWithIds(AppDbContext db, IReadOnlyCollection<long> ids) =>
        db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id));

    /// <summary>The configured connection string as this engine opens it (its default when none is configured).</summary>
    public abstract string ResolveConnectionString(string? configured);

    /// <summary>Why this engine cannot open <paramref name="configured"/> (ConnectionStrings:Contacts), for the settings' check; null when it can try.</summary>
    public virtual string? ConnectionStringProblem(string? configured) => null;

    /// <summary>The file behind <paramref name="connectionString"/>, which the app watches; <see cref="StoreFile.None"/> for a server.</summary>
    public abstract StoreFile FileOf(string connectionString);

    /// <summary>
    /// Registers the pooled context factory, handed out as <see cref="IDbContextFactory{AppDbContext}"/>, on
    /// <paramref name="connectionString"/>. <paramref name="runsUpkeep"/>: the host runs the engine's background upkeep
    /// (<see cref="StoreUpkeep"/>: SQLite's checkpoints) beside its writes: the web app, or a command that writes for minutes.
    /// </summary>
    public abstract void AddContexts(IServiceCollection services, string connectionString, bool runsUpkeep);

    /// <summary>Brings the schema to the committed migrations, creating the database when it is missing.</summary>
    public abstract Task MigrateAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>
    /// Runs a write whose deleted rows must not stay readable in the store (an erase for a data-protection request), as
    /// far as this engine can see to that.
    /// </summary>
    public abstract Task<T> RunScrubbingDeletesAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken ct);

    /// <summary>
    /// Whether another writer may commit between a write transaction's reads and its writes: on PostgreSQL, another app
    /// instance (or another request of this one) under READ COMMITTED; not on SQLite, whose write transactions begin
    /// IMMEDIATE, one at a time. Where it may, a write refused by a unique index (or a deadlock) lost a race and is
    /// tried again (<see cref="StoreWriteRace"/>).
    /// </summary>
    public abstract bool WritersRace { get; }

    /// <summary>
    /// Whether several app instances may run on one store (PostgreSQL's). Where only one may (SQLite's, whose writes
    /// queue in the process), whatever a previous process left running is known to be abandoned as soon as the app starts.
    /// </summary>
    public abstract bool ServesSeveralInstances { get; }

    /// <summary>Writes many rows of <typeparamref name="T"/> on <paramref name="db"/>'s open connection, inside its transaction, by this engine's bulk path.</summary>
    internal abstract IBulkInsert<T> BulkInsert<T>(AppDbContext db) where T : class;

    /// <summary>
    /// This engine's path for storing many modified entities of <typeparamref name="T"/> on <paramref name="db"/>'s open
    /// connection, inside its transaction; null when SaveChanges stores them (the default).
    /// </summary>
    internal virtual IBulkUpdate<T>? BulkUpdate<T>(AppDbContext db) where T : class => null;

    /// <summary>
    /// Whether <see cref="BulkUpdate{T}"/> gives a path for the contacts and their rows: then a batch of writes may read the
    /// contacts it changes without tracking and store the columns it finds changed itself (<see cref="IBulkUpdate{T}.Update(IReadOnlyList{UntrackedChange{T}}, ModelRows{T})"/>).
    /// </summary>
    internal virtual bool HasBulkUpdate => false;

    /// <summary>
    /// Opens <paramref name="db"/>'s connection for a large load into <paramref name="tables"/> (entity types, parents
    /// first), outside any transaction. <paramref name="fresh"/>: those tables are about to be emptied, so the load may
    /// treat them as empty.
    /// </summary>
    internal abstract Task<StoreBulkLoad> OpenBulkLoadAsync(AppDbContext db, IReadOnlyList<Type> tables, bool fresh, CancellationToken ct);
}

/// <summary>
/// Hands out an engine's own context type (<typeparamref name="TContext"/>, which carries its migrations) as the
/// <see cref="AppDbContext"/> every feature asks for.
/// </summary>
internal sealed class AppContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
    where TContext : AppDbContext
{
    public AppDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
