using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <summary>
    /// The search index's update trigger steps aside while <see cref="ContactSearchSchema.DeferralTable"/> holds its row,
    /// so a bulk update can re-index its renamed contacts in two passes (<see cref="ContactSearchSchema.DeferralTable"/> says why).
    /// </summary>
    public partial class SearchIndexDeferral : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"CREATE TABLE {ContactSearchSchema.DeferralTable} (Id INTEGER PRIMARY KEY CHECK (Id = 1));");
            migrationBuilder.Sql($"DROP TRIGGER {ContactSearchSchema.AfterUpdateTrigger};");
            CreateUpdateTrigger(migrationBuilder, $"WHEN NOT EXISTS (SELECT 1 FROM {ContactSearchSchema.DeferralTable})");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER {ContactSearchSchema.AfterUpdateTrigger};");
            CreateUpdateTrigger(migrationBuilder, "");
            migrationBuilder.Sql($"DROP TABLE {ContactSearchSchema.DeferralTable};");
        }

        // The trigger of the initial schema, with the condition given.
        private static void CreateUpdateTrigger(MigrationBuilder migrationBuilder, string when) =>
            migrationBuilder.Sql($"""
                CREATE TRIGGER {ContactSearchSchema.AfterUpdateTrigger} AFTER UPDATE OF {string.Join(", ", ContactSearchSchema.SearchedColumns)} ON Contacts {when} BEGIN
                    DELETE FROM {ContactSearchSchema.Table} WHERE rowid = old.Id;
                    INSERT INTO {ContactSearchSchema.InsertColumns} VALUES (new.Id, {ContactSearchSchema.Values("new")});
                END;
                """);
    }
}
