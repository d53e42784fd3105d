using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class SegmentMessageListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Activities_Status_ContactId_OccurredAt_Channel",
                table: "Activities",
                columns: new[] { "Status", "ContactId", "OccurredAt", "Channel" },
                filter: "\"Status\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_Status_ContactId_OccurredAt_Channel",
                table: "Activities");
        }
    }
}
