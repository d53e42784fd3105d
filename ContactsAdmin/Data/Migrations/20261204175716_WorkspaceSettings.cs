using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Widgets",
                type: "INTEGER",
                nullable: false,
                // Widgets made before widgets could be paused were all showing.
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowedOrigins",
                table: "SubscriptionForms",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "SubscriptionCategories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "CustomFieldDefinitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "CustomFieldDefinitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "CustomFieldDefinitions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HelpText",
                table: "CustomFieldDefinitions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomFieldGroups",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFieldGroups", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "FormSubmissionRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FormId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormSubmissionRecords_SubscriptionForms_FormId",
                        column: x => x.FormId,
                        principalTable: "SubscriptionForms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SettingsChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingsChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissionRecords_FormId_SubmittedAt",
                table: "FormSubmissionRecords",
                columns: new[] { "FormId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SettingsChanges_Actor_OccurredAt",
                table: "SettingsChanges",
                columns: new[] { "Actor", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SettingsChanges_Area_OccurredAt",
                table: "SettingsChanges",
                columns: new[] { "Area", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SettingsChanges_OccurredAt",
                table: "SettingsChanges",
                column: "OccurredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomFieldGroups");

            migrationBuilder.DropTable(
                name: "FormSubmissionRecords");

            migrationBuilder.DropTable(
                name: "SettingsChanges");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Widgets");

            migrationBuilder.DropColumn(
                name: "AllowedOrigins",
                table: "SubscriptionForms");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "SubscriptionCategories");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "CustomFieldDefinitions");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "CustomFieldDefinitions");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "CustomFieldDefinitions");

            migrationBuilder.DropColumn(
                name: "HelpText",
                table: "CustomFieldDefinitions");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "AspNetUsers");
        }
    }
}
