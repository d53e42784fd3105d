using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddressLogKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EmailEvents_Contacts_ContactId",
                table: "EmailEvents");

            migrationBuilder.DropPrimaryKey(
                name: "PK_EmailEvents",
                table: "EmailEvents");

            migrationBuilder.DropPrimaryKey(
                name: "PK_BlacklistEntries",
                table: "BlacklistEntries");

            migrationBuilder.AddPrimaryKey(
                name: "PK_EmailEvents",
                table: "EmailEvents",
                columns: new[] { "Address", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_BlacklistEntries",
                table: "BlacklistEntries",
                columns: new[] { "Address", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_EmailEvents",
                table: "EmailEvents");

            migrationBuilder.DropPrimaryKey(
                name: "PK_BlacklistEntries",
                table: "BlacklistEntries");

            migrationBuilder.AddPrimaryKey(
                name: "PK_EmailEvents",
                table: "EmailEvents",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_BlacklistEntries",
                table: "BlacklistEntries",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_EmailEvents_Contacts_ContactId",
                table: "EmailEvents",
                column: "ContactId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
