using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SuppressionsKeyedByHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ErasedSuppressions",
                table: "ErasedSuppressions");

            migrationBuilder.DropIndex(
                name: "IX_ErasedSuppressions_Kind_Hash",
                table: "ErasedSuppressions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ErasedSuppressions",
                table: "ErasedSuppressions",
                columns: new[] { "Kind", "Hash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ErasedSuppressions",
                table: "ErasedSuppressions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ErasedSuppressions",
                table: "ErasedSuppressions",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_ErasedSuppressions_Kind_Hash",
                table: "ErasedSuppressions",
                columns: new[] { "Kind", "Hash" },
                unique: true);
        }
    }
}
