using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The identifier look-up tables become the guard against two holders of an External ID, address or phone: the
    /// identifiers' indexes on Contacts stop being unique (Citus allows no unique index without the distribution column).
    /// First the look-ups are repaired from the contacts, as IdentifierLookupBackfill did, while the unique indexes still
    /// promise one holder per key (an instance of an older version may have written contacts without look-up rows), with
    /// the stale rows deleted before the inserts, so a row a contact gave up does not keep the key from its new holder.
    /// The SQL is written out here, so the migration stays what it was when it ran. PostgreSQL has no way to make an index
    /// not unique in place: each is dropped and built again (seconds per million contacts).
    /// </summary>
    public partial class IdentifiersGuardedByLookups : Migration
    {
        private const string Repair = """
            DELETE FROM "ContactExternalIds" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."ExternalId" = l."ExternalId");
            DELETE FROM "ContactEmails" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."EmailNormalized" = l."EmailNormalized");
            DELETE FROM "ContactPhones" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = l."ContactId" AND c."Phone" = l."Phone");
            DELETE FROM "ContactDeviceIds" AS l WHERE NOT EXISTS
                (SELECT 1 FROM "ContactDevices" AS d WHERE d."ContactId" = l."ContactId" AND d."DeviceId" = l."DeviceId");
            INSERT INTO "ContactExternalIds" ("ExternalId", "ContactId")
                SELECT "ExternalId", "Id" FROM "Contacts" WHERE "ExternalId" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactEmails" ("EmailNormalized", "ContactId")
                SELECT "EmailNormalized", "Id" FROM "Contacts" WHERE "EmailNormalized" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactPhones" ("Phone", "ContactId")
                SELECT "Phone", "Id" FROM "Contacts" WHERE "Phone" IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO "ContactDeviceIds" ("DeviceId", "ContactId")
                SELECT DISTINCT "DeviceId", "ContactId" FROM "ContactDevices" WHERE "DeviceId" <> '' ON CONFLICT DO NOTHING;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Repair);

            migrationBuilder.DropIndex(
                name: "IX_Contacts_EmailNormalized",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ExternalId",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Phone",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_EmailNormalized",
                table: "Contacts",
                column: "EmailNormalized")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ExternalId",
                table: "Contacts",
                column: "ExternalId",
                filter: "\"ExternalId\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Phone",
                table: "Contacts",
                column: "Phone")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });
        }

        /// <summary>Unique again: fails, and changes nothing, if two contacts have come to share a key meanwhile.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_EmailNormalized",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ExternalId",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Phone",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_EmailNormalized",
                table: "Contacts",
                column: "EmailNormalized",
                unique: true)
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ExternalId",
                table: "Contacts",
                column: "ExternalId",
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Phone",
                table: "Contacts",
                column: "Phone",
                unique: true)
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });
        }
    }
}
