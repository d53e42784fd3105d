using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <summary>
    /// Fills the identifier look-up tables from the contacts written before the app kept them in step (the rows of
    /// contacts and devices that exist), and drops rows no contact backs. No model change. Idempotent: run again (by a
    /// later migration, after a rolling upgrade in which an older instance wrote contacts without look-up rows), it
    /// repairs. Consistent because the unique indexes on Contacts still hold: no key has two holders to choose from.
    /// The SQL is written out here rather than shared with the app, so the migration stays what it was when it ran.
    /// </summary>
    public partial class IdentifierLookupBackfill : Migration
    {
        internal const string Repair = """
            INSERT INTO "ContactExternalIds" ("ExternalId", "ContactId")
                SELECT "ExternalId", "Id" FROM "Contacts" WHERE "ExternalId" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactEmails" ("EmailNormalized", "ContactId")
                SELECT "EmailNormalized", "Id" FROM "Contacts" WHERE "EmailNormalized" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactPhones" ("Phone", "ContactId")
                SELECT "Phone", "Id" FROM "Contacts" WHERE "Phone" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactDeviceIds" ("DeviceId", "ContactId")
                SELECT DISTINCT "DeviceId", "ContactId" FROM "ContactDevices" WHERE "DeviceId" <> '' ON CONFLICT DO NOTHING;
            DELETE FROM "ContactExternalIds" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."ExternalId" = l."ExternalId");
            DELETE FROM "ContactEmails" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."EmailNormalized" = l."EmailNormalized");
            DELETE FROM "ContactPhones" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."Phone" = l."Phone");
            DELETE FROM "ContactDeviceIds" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "ContactDevices" AS d WHERE d."ContactId" = l."ContactId" AND d."DeviceId" = l."DeviceId");
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Repair);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tables stay (IdentifierLookupTables' Down drops them); an older app ignores their rows.
        }
    }
}
