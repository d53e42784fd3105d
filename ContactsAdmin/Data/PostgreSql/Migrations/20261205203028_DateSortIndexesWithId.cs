using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DateSortIndexesWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastEditAt",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt_Id",
                table: "Contacts",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastEditAt_Id",
                table: "Contacts",
                columns: new[] { "LastEditAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastEditAt_Id",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastEditAt",
                table: "Contacts",
                column: "LastEditAt");
        }
    }
}
