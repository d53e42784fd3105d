using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ContactDistributionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ContactDevices",
                table: "ContactDevices");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Activities",
                table: "Activities");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ContactDevices",
                table: "ContactDevices",
                columns: new[] { "ContactId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries",
                columns: new[] { "ContactId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Activities",
                table: "Activities",
                columns: new[] { "ContactId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ContactDevices",
                table: "ContactDevices");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Activities",
                table: "Activities");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ContactDevices",
                table: "ContactDevices",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_AuditEntries",
                table: "AuditEntries",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Activities",
                table: "Activities",
                column: "Id");
        }
    }
}
