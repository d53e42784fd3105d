using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartialIndexesOfSparseColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_Activities_WidgetId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "BoolValue", "ContactId" },
                filter: "BoolValue IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "DateValue", "ContactId" },
                filter: "DateValue IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "NumberValue", "ContactId" },
                filter: "NumberValue IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "TextValue", "ContactId" },
                filter: "TextValue IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_WidgetId",
                table: "Activities",
                column: "WidgetId",
                filter: "WidgetId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue_ContactId",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_Activities_WidgetId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "BoolValue", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "DateValue", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "NumberValue", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue_ContactId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "TextValue", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_WidgetId",
                table: "Activities",
                column: "WidgetId");
        }
    }
}
