namespace ContactsAdmin.Data;

/// <summary>
/// The names of the contacts' full-text index, which the EF model does not know: the migrations create it by SQL,
/// the grid's search reads it and the demo's bulk load drops its triggers and fills it in one statement. Renaming one here is a
/// schema change: it needs a migration that renames the object in existing databases.
/// </summary>
public static class ContactSearchSchema
{
    /// <summary>The FTS5 table (trigram, contentless); its rowid is the contact's Id.</summary>
    public const string Table = "ContactSearch";

    /// <summary>The column of a contact's name, email and External ID, one per line.</summary>
    public const string TextColumn = "Text";

    /// <summary>The column of a contact's phone digits (E.164 without the +).</summary>
    public const string PhoneColumn = "Phone";

    /// <summary>The Contacts columns the index is made from: an UPDATE that sets one of them re-indexes the contact.</summary>
    public static readonly IReadOnlyList<string> SearchedColumns = ["FirstName", "LastName", "EmailNormalized", "Phone", "ExternalId"];

    /// <summary>
    /// A table of at most one row. While it holds its row the update trigger leaves the index alone and the writer that
    /// put it there re-indexes the contacts it changes itself (<see cref="Sqlite.SqliteSearchReindex"/>): a bulk update
    /// inside its own transaction, so no other connection ever sees the row. Why: FTS5 writes out what it holds in memory
    /// whenever a delete follows an insert, so the trigger's delete-then-insert for each renamed contact made a segment of
    /// each; 100,000 renames took 9.0 s that way and 1.2 s as all the deletes, then all the inserts (docs/benchmarks.md).
    /// </summary>
    public const string DeferralTable = Table + "Deferred";

    /// <summary>Indexes a new contact.</summary>
    public const string AfterInsertTrigger = Table + "_AfterInsert";

    /// <summary>Re-indexes a contact whose searched columns changed.</summary>
    public const string AfterUpdateTrigger = Table + "_AfterUpdate";

    /// <summary>Removes a deleted contact from the index.</summary>
    public const string AfterDeleteTrigger = Table + "_AfterDelete";

    /// <summary>The index's columns as its triggers insert them: the contact's Id as rowid, then the searched text.</summary>
    public const string InsertColumns = $"{Table}(rowid, {TextColumn}, {PhoneColumn})";

    /// <summary>
    /// What a contact is found by, as SQL over the Contacts row named <paramref name="row"/> (the triggers' "new"):
    /// its name, email and External ID as text (on separate lines, so a search never matches across two of them),
    /// and its phone's digits (E.164 without the +). The demo's bulk load fills the index with the same expressions.
    /// </summary>
    public static string Values(string row) =>
        $"coalesce({row}.FirstName, '') || ' ' || coalesce({row}.LastName, '') || char(10) || coalesce({row}.EmailNormalized, '') || char(10) || " +
        $"coalesce({row}.ExternalId, ''), coalesce(substr({row}.Phone, 2), '')";

    /// <summary>The triggers that keep the index in step with Contacts.</summary>
    public static readonly IReadOnlyList<string> Triggers = [AfterInsertTrigger, AfterUpdateTrigger, AfterDeleteTrigger];
}
