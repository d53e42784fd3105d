using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <summary>
    /// Merge records and duplicate pairs lose their foreign keys to Contacts (CoordinatorTables): Citus keeps none from a
    /// coordinator's local table to a distributed one. Deleting a contact drops its pairs and records itself (ContactReferences).
    /// </summary>
    public partial class CoordinatorTablesWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ContactMergeRecords_Contacts_SurvivorId",
                table: "ContactMergeRecords");

            migrationBuilder.DropForeignKey(
                name: "FK_DuplicatePairs_Contacts_FirstId",
                table: "DuplicatePairs");

            migrationBuilder.DropForeignKey(
                name: "FK_DuplicatePairs_Contacts_SecondId",
                table: "DuplicatePairs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_ContactMergeRecords_Contacts_SurvivorId",
                table: "ContactMergeRecords",
                column: "SurvivorId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DuplicatePairs_Contacts_FirstId",
                table: "DuplicatePairs",
                column: "FirstId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DuplicatePairs_Contacts_SecondId",
                table: "DuplicatePairs",
                column: "SecondId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
