namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's twin of SQLite's full-text index (<see cref="ContactSearchSchema"/>): a narrow table of what each contact is
/// found by, in lower case, with a trigram (pg_trgm) GIN index on each column that answers <c>LIKE '%term%'</c>, kept by
/// triggers on Contacts. A table of its own rather than columns of Contacts: pg_trgm keeps no positions, so every candidate
/// the index finds is read again to check the pattern, and a row of this table is a tenth of a contact's (90 of 354 MB at
/// 1M), which made the slow fragments' counts 2 to 10 times faster (docs/benchmarks.md). Keyed and cascaded by the
/// contact's id, so Citus co-locates it with Contacts (docs/scale-out.md). The EF model does not know it: the migrations
/// create it by SQL and the search reads it by name. Renaming one here is a schema change.
/// </summary>
public static class PostgreSqlSearchSchema
{
    public const string Table = ContactSearchSchema.Table;

    /// <summary>Name, email and External ID, one per line (so a search never matches across two of them).</summary>
    public const string TextColumn = ContactSearchSchema.TextColumn;

    /// <summary>The phone's digits (E.164 without the +); null without a phone.</summary>
    public const string PhoneColumn = ContactSearchSchema.PhoneColumn;

    public const string TextIndex = "IX_ContactSearch_Text_trgm";

    public const string PhoneIndex = "IX_ContactSearch_Phone_trgm";

    /// <summary>
    /// Indexes the contacts an INSERT added, once per statement over all of them (a transition table), so a bulk COPY of
    /// thousands of contacts fills the table in one statement rather than a call per row.
    /// </summary>
    public const string AfterInsertTrigger = ContactSearchSchema.AfterInsertTrigger;

    /// <summary>Re-indexes a contact whose searched columns changed (a row trigger: PostgreSQL allows no column list with a transition table).</summary>
    public const string AfterUpdateTrigger = ContactSearchSchema.AfterUpdateTrigger;

    private const string InsertFunction = Table + "_Added";

    private const string UpdateFunction = Table + "_Changed";

    /// <summary>A contact's search text over the Contacts row named <paramref name="row"/>, in lower case.</summary>
    private static string Text(string row) =>
        $"""lower(coalesce({row}."FirstName", '') || ' ' || coalesce({row}."LastName", '') || E'\n' || coalesce({row}."EmailNormalized", '') || E'\n' || coalesce({row}."ExternalId", ''))""";

    private static string Phone(string row) => $"""substr({row}."Phone", 2)""";

    private static readonly string SearchedColumns = string.Join(", ", ContactSearchSchema.SearchedColumns.Select(c => $"\"{c}\""));

    private static readonly string AnySearchedColumnChanged =
        string.Join(" OR ", ContactSearchSchema.SearchedColumns.Select(c => $"OLD.\"{c}\" IS DISTINCT FROM NEW.\"{c}\""));

    /// <summary>
    /// The statements that make the table, fill it from the contacts already stored, index it and keep it in step from
    /// then on (pg_trgm is a trusted extension: the database's owner may create it). A deleted contact's row goes by the
    /// foreign key's cascade.
    /// </summary>
    public static readonly IReadOnlyList<string> Create =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        $"""
        CREATE TABLE "{Table}" (
            "ContactId" bigint NOT NULL,
            "{TextColumn}" text NOT NULL,
            "{PhoneColumn}" text,
            CONSTRAINT "PK_{Table}" PRIMARY KEY ("ContactId"),
            CONSTRAINT "FK_{Table}_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE);
        """,
        $"""
        CREATE FUNCTION "{InsertFunction}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "{Table}" ("ContactId", "{TextColumn}", "{PhoneColumn}")
            SELECT added."Id", {Text("added")}, {Phone("added")} FROM added;
            RETURN NULL;
        END $$;
        """,
        $"""
        CREATE TRIGGER "{AfterInsertTrigger}" AFTER INSERT ON "Contacts" REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION "{InsertFunction}"();
        """,
        $"""
        CREATE FUNCTION "{UpdateFunction}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE "{Table}" SET "{TextColumn}" = {Text("NEW")}, "{PhoneColumn}" = {Phone("NEW")} WHERE "ContactId" = NEW."Id";
            RETURN NULL;
        END $$;
        """,
        $"""
        CREATE TRIGGER "{AfterUpdateTrigger}" AFTER UPDATE OF {SearchedColumns} ON "Contacts"
            FOR EACH ROW WHEN ({AnySearchedColumnChanged}) EXECUTE FUNCTION "{UpdateFunction}"();
        """,
        $"""
        INSERT INTO "{Table}" ("ContactId", "{TextColumn}", "{PhoneColumn}")
        SELECT c."Id", {Text("c")}, {Phone("c")} FROM "Contacts" AS c;
        """,
        $"""CREATE INDEX "{TextIndex}" ON "{Table}" USING gin ("{TextColumn}" gin_trgm_ops);""",
        $"""CREATE INDEX "{PhoneIndex}" ON "{Table}" USING gin ("{PhoneColumn}" gin_trgm_ops);""",
        // Statistics now rather than when autovacuum comes round: without them the planner guessed the raw search's
        // matches badly enough to take 6.6 s over "iva94" on a freshly migrated 1M store.
        $"""ANALYZE "{Table}";""",
    ];

    public static readonly IReadOnlyList<string> Drop =
    [
        $"""DROP TRIGGER "{AfterUpdateTrigger}" ON "Contacts";""",
        $"""DROP TRIGGER "{AfterInsertTrigger}" ON "Contacts";""",
        $"""DROP FUNCTION "{UpdateFunction}"();""",
        $"""DROP FUNCTION "{InsertFunction}"();""",
        $"""DROP TABLE "{Table}";""",
    ];
}
