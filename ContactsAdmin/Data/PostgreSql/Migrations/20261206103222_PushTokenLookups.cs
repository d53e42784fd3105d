using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PushTokenLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactPushTokens",
                columns: table => new
                {
                    PushToken = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactPushTokens_PushToken", x => x.PushToken);
                });

            // Filled while the unique index still promises one device, so one contact, per token; then the look-up's key
            // is the guard and the index on ContactDevices becomes a plain one (which Citus allows on a table distributed by contact).
            migrationBuilder.Sql("""
                INSERT INTO "ContactPushTokens" ("PushToken", "ContactId")
                SELECT "PushToken", "ContactId" FROM "ContactDevices" WHERE "PushToken" IS NOT NULL;
                """);

            migrationBuilder.DropIndex(
                name: "IX_ContactDevices_PushToken",
                table: "ContactDevices");

            migrationBuilder.CreateIndex(
                name: "IX_ContactDevices_PushToken",
                table: "ContactDevices",
                column: "PushToken",
                filter: "\"PushToken\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactPushTokens");

            migrationBuilder.DropIndex(
                name: "IX_ContactDevices_PushToken",
                table: "ContactDevices");

            migrationBuilder.CreateIndex(
                name: "IX_ContactDevices_PushToken",
                table: "ContactDevices",
                column: "PushToken",
                unique: true,
                filter: "\"PushToken\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });
        }
    }
}
