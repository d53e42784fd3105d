using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue",
                table: "CustomFieldValues");

            migrationBuilder.DropIndex(
                name: "IX_ContactSubscriptions_CategoryId_IsSubscribed",
                table: "ContactSubscriptions");

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
                name: "IX_ContactSubscriptions_CategoryId_IsSubscribed_ContactId",
                table: "ContactSubscriptions",
                columns: new[] { "CategoryId", "IsSubscribed", "ContactId" });
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
                name: "IX_ContactSubscriptions_CategoryId_IsSubscribed_ContactId",
                table: "ContactSubscriptions");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "BoolValue" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "DateValue" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "NumberValue" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_TextValue",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "TextValue" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactSubscriptions_CategoryId_IsSubscribed",
                table: "ContactSubscriptions",
                columns: new[] { "CategoryId", "IsSubscribed" });
        }
    }
}
