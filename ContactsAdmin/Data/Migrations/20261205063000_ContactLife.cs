using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactMergeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurvivorId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedAwayId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SurvivorVersionAfterMerge = table.Column<long>(type: "INTEGER", nullable: false),
                    UndoUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMergeRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactMergeRecords_Contacts_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuplicatePairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstId = table.Column<long>(type: "INTEGER", nullable: false),
                    SecondId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DismissedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicatePairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuplicatePairs_Contacts_FirstId",
                        column: x => x.FirstId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DuplicatePairs_Contacts_SecondId",
                        column: x => x.SecondId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ErasedSuppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EmailStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatusSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribeReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BlacklistReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BlacklistScope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasedSuppressions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactMergeRecords_MergedAwayId",
                table: "ContactMergeRecords",
                column: "MergedAwayId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMergeRecords_SurvivorId_MergedAt",
                table: "ContactMergeRecords",
                columns: new[] { "SurvivorId", "MergedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactMergeRecords_UndoUntil",
                table: "ContactMergeRecords",
                column: "UndoUntil");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicatePairs_FirstId_SecondId",
                table: "DuplicatePairs",
                columns: new[] { "FirstId", "SecondId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuplicatePairs_Score_Id",
                table: "DuplicatePairs",
                columns: new[] { "Score", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicatePairs_SecondId",
                table: "DuplicatePairs",
                column: "SecondId");

            migrationBuilder.CreateIndex(
                name: "IX_ErasedSuppressions_Kind_Hash",
                table: "ErasedSuppressions",
                columns: new[] { "Kind", "Hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactMergeRecords");

            migrationBuilder.DropTable(
                name: "DuplicatePairs");

            migrationBuilder.DropTable(
                name: "ErasedSuppressions");
        }
    }
}
