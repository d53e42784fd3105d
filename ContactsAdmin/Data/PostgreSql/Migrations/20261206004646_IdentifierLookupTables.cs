using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class IdentifierLookupTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactDeviceIds",
                columns: table => new
                {
                    DeviceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactDeviceIds_DeviceId_ContactId", x => new { x.DeviceId, x.ContactId });
                });

            migrationBuilder.CreateTable(
                name: "ContactEmails",
                columns: table => new
                {
                    EmailNormalized = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactEmails_EmailNormalized", x => x.EmailNormalized);
                });

            migrationBuilder.CreateTable(
                name: "ContactExternalIds",
                columns: table => new
                {
                    ExternalId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactExternalIds_ExternalId", x => x.ExternalId);
                });

            migrationBuilder.CreateTable(
                name: "ContactPhones",
                columns: table => new
                {
                    Phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactPhones_Phone", x => x.Phone);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactDeviceIds");

            migrationBuilder.DropTable(
                name: "ContactEmails");

            migrationBuilder.DropTable(
                name: "ContactExternalIds");

            migrationBuilder.DropTable(
                name: "ContactPhones");
        }
    }
}
