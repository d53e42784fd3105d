namespace ContactsAdmin.Data;

/// <summary>
/// The names of the contacts' full-text index, which the EF model does not know: the migrations create it by SQL,
/// the grid's search reads it and the demo's bulk load drops and recreates its triggers. Renaming one here is a
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

    /// <summary>Indexes a new contact.</summary>
    public const string AfterInsertTrigger = Table + "_AfterInsert";

    /// <summary>Re-indexes a contact whose searched columns changed.</summary>
    public const string AfterUpdateTrigger = Table + "_AfterUpdate";

    /// <summary>Removes a deleted contact from the index.</summary>
    public const string AfterDeleteTrigger = Table + "_AfterDelete";

    /// <summary>The triggers that keep the index in step with Contacts.</summary>
    public static readonly IReadOnlyList<string> Triggers = [AfterInsertTrigger, AfterUpdateTrigger, AfterDeleteTrigger];
}
