namespace ContactsAdmin.Bench.Stores;

/// <summary>
/// What the hand-written baselines write differently per engine, one member per difference (and the groups that
/// meet it): <see cref="SqliteRawDialect"/> and <see cref="PostgreSqlRawDialect"/>. Everything else in a baseline's
/// SQL is the same text on both.
/// </summary>
public abstract class RawDialect
{
    /// <summary>All groups: the shared SQL as this engine reads it (identifiers, which EF created case-sensitive on PostgreSQL).</summary>
    public abstract string Sql(string sql);

    /// <summary>Grid: one ORDER BY term sorting NULL lowest, as the app sorts on both engines.</summary>
    public abstract string OrderTerm(string column, bool descending, bool nullable);

    /// <summary>Activity tab, segments, grid (keyset): a UTC time as a parameter compared with the stored times.</summary>
    public abstract object Time(DateTime utc);

    /// <summary>Activity tab: a stored time as read back (min(OccurredAt)).</summary>
    public abstract DateTime? ReadTime(object? value);

    /// <summary>
    /// Search, filters: the contacts (aliased c) whose name, email or External ID holds <paramref name="text"/>
    /// (lower case) or whose phone holds <paramref name="phoneDigits"/>, through the engine's search index.
    /// </summary>
    public abstract (string Where, (string Name, object Value)[] Parameters) Search(string text, string? phoneDigits);
}
