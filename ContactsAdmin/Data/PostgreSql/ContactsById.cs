namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The contacts whose ids a subquery lists, read so that PostgreSQL's planner cannot second-guess the list: for the
/// page of a count's collected ids (<see cref="PostgreSqlStoreEngine.ContactsWithIds"/>) and of a search's matches
/// (<see cref="PostgreSqlSearchIndex.CountedMatches"/>), both at most the grid's cap, so reading them all is bounded.
/// </summary>
/// <remarks>
/// <para><c>= ANY(ARRAY(subquery))</c>: the ids become an array that PostgreSQL sorts and reads through the primary key in
/// id order, near the rows' order on disk. As <c>IN (subquery)</c> the planner trusted pg_trgm's guess of a few hundred
/// matches and joined them one key look-up at a time in the search table's order (9,405 matches of "669" at 1M: 97 -> 60
/// ms); given the values themselves (<c>= ANY(@ids)</c>) it estimated each one against the column's statistics, and
/// planning the page of those 9,405 took 7 to 19 ms.</para>
/// <para><c>OFFSET 0</c> keeps the planner from merging the list into the page's query. There it would weigh a walk of
/// the sort's index against the list by its guess of how soon the list's ids come up, assuming they are spread evenly:
/// a guess of 7,000 matches for a fragment's 1,755 made it walk 190,000 contacts (6 s), and the 1,962 contacts of
/// Blacklisted + a category + a field value, older than most, made it walk 95,000 from the newest (0.43 s), where
/// reading the list and sorting it takes a few ms to some 30 ms.</para>
/// </remarks>
internal static class ContactsById
{
    /// <summary>The contacts' columns for the ids <paramref name="idsSql"/> returns (one bigint column); its values are parameters, never text.</summary>
    public static string Sql(string idsSql) => $"SELECT * FROM \"Contacts\" WHERE \"Id\" = ANY(ARRAY({idsSql})) OFFSET 0";
}
