using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <summary>
    /// A full-text index for the grid's substring search: FTS5 with the trigram tokenizer (any substring of
    /// three or more characters, case-folded for every alphabet), kept in step with Contacts by triggers so
    /// every write path (UI, API, import, seeding) updates it. Contentless: it stores only the index.
    /// </summary>
    public partial class ContactSearchIndex : Migration
    {
        // What a contact is found by: its name, email and External ID as text (on separate lines, so a
        // search never matches across two of them), and its phone's digits (E.164 without the +).
        private static string Values(string row) =>
            $"coalesce({row}.FirstName, '') || ' ' || coalesce({row}.LastName, '') || char(10) || coalesce({row}.EmailNormalized, '') || char(10) || " +
            $"coalesce({row}.ExternalId, ''), coalesce(substr({row}.Phone, 2), '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ContactSearch USING fts5(
                    Text, Phone, tokenize = 'trigram case_sensitive 0', content = '', contentless_delete = 1);
                """);
            migrationBuilder.Sql($"INSERT INTO ContactSearch(rowid, Text, Phone) SELECT Id, {Values("Contacts")} FROM Contacts;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER ContactSearch_AfterInsert AFTER INSERT ON Contacts BEGIN
                    INSERT INTO ContactSearch(rowid, Text, Phone) VALUES (new.Id, {Values("new")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER ContactSearch_AfterUpdate AFTER UPDATE OF FirstName, LastName, EmailNormalized, Phone, ExternalId ON Contacts BEGIN
                    DELETE FROM ContactSearch WHERE rowid = old.Id;
                    INSERT INTO ContactSearch(rowid, Text, Phone) VALUES (new.Id, {Values("new")});
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ContactSearch_AfterDelete AFTER DELETE ON Contacts BEGIN
                    DELETE FROM ContactSearch WHERE rowid = old.Id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER ContactSearch_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER ContactSearch_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER ContactSearch_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE ContactSearch;");
        }
    }
}
