namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's twin of SQLite's full-text index (<see cref="ContactSearchSchema"/>): two generated columns on Contacts
/// holding what a contact is found by, in lower case, each with a trigram (pg_trgm) GIN index that answers
/// <c>LIKE '%term%'</c>. The EF model does not know them: the migrations create them by SQL and the search reads them
/// by name. Renaming one here is a schema change.
/// </summary>
public static class PostgreSqlSearchSchema
{
    /// <summary>Name, email and External ID, one per line (so a search never matches across two of them).</summary>
    public const string TextColumn = "SearchText";

    /// <summary>The phone's digits (E.164 without the +).</summary>
    public const string PhoneColumn = "SearchPhone";

    public const string TextIndex = "IX_Contacts_SearchText_trgm";

    public const string PhoneIndex = "IX_Contacts_SearchPhone_trgm";

    /// <summary>The statements that add the columns and their indexes (pg_trgm is a trusted extension: the database's owner may create it).</summary>
    public static readonly IReadOnlyList<string> Create =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        $"""
        ALTER TABLE "Contacts"
            ADD COLUMN "{TextColumn}" text GENERATED ALWAYS AS (lower(coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || E'\n' ||
                coalesce("EmailNormalized", '') || E'\n' || coalesce("ExternalId", ''))) STORED,
            ADD COLUMN "{PhoneColumn}" text GENERATED ALWAYS AS (substr("Phone", 2)) STORED;
        """,
        $"""CREATE INDEX "{TextIndex}" ON "Contacts" USING gin ("{TextColumn}" gin_trgm_ops);""",
        $"""CREATE INDEX "{PhoneIndex}" ON "Contacts" USING gin ("{PhoneColumn}" gin_trgm_ops);""",
    ];

    public static readonly IReadOnlyList<string> Drop =
    [
        $"""DROP INDEX "{PhoneIndex}";""",
        $"""DROP INDEX "{TextIndex}";""",
        $"""ALTER TABLE "Contacts" DROP COLUMN "{PhoneColumn}", DROP COLUMN "{TextColumn}";""",
    ];
}
