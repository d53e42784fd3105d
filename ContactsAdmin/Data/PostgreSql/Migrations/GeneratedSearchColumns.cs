namespace ContactsAdmin.Data.PostgreSql.Migrations;

/// <summary>
/// The search as the first schema made it, frozen here for the migrations that create (InitialSchema) and remove it
/// (SearchTable): two generated columns on Contacts with a trigram GIN index each. Today's search is
/// <see cref="PostgreSqlSearchSchema"/>; this text must not follow it.
/// </summary>
internal static class GeneratedSearchColumns
{
    public static readonly IReadOnlyList<string> Create =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        """
        ALTER TABLE "Contacts"
            ADD COLUMN "SearchText" text GENERATED ALWAYS AS (lower(coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || E'\n' ||
                coalesce("EmailNormalized", '') || E'\n' || coalesce("ExternalId", ''))) STORED,
            ADD COLUMN "SearchPhone" text GENERATED ALWAYS AS (substr("Phone", 2)) STORED;
        """,
        """CREATE INDEX "IX_Contacts_SearchText_trgm" ON "Contacts" USING gin ("SearchText" gin_trgm_ops);""",
        """CREATE INDEX "IX_Contacts_SearchPhone_trgm" ON "Contacts" USING gin ("SearchPhone" gin_trgm_ops);""",
    ];

    public static readonly IReadOnlyList<string> Drop =
    [
        """DROP INDEX "IX_Contacts_SearchPhone_trgm";""",
        """DROP INDEX "IX_Contacts_SearchText_trgm";""",
        """ALTER TABLE "Contacts" DROP COLUMN "SearchPhone", DROP COLUMN "SearchText";""",
    ];
}
