using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityTabIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Activities_ContactId_Channel_Status_OccurredAt",
                table: "Activities",
                columns: new[] { "ContactId", "Channel", "Status", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ContactId_WidgetId_OccurredAt_SessionId",
                table: "Activities",
                columns: new[] { "ContactId", "WidgetId", "OccurredAt", "SessionId" },
                filter: "WidgetId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_ContactId_Channel_Status_OccurredAt",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ContactId_WidgetId_OccurredAt_SessionId",
                table: "Activities");
        }
    }
}
