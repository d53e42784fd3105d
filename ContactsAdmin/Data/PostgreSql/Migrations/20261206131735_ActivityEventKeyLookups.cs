using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <summary>
    /// Events' keyValues found and guarded through ActivityEventKeys (docs/scale-out.md item 2): the table is made, filled
    /// from the activities while the unique index on Activities.EventKey still promises one activity per key, and then the
    /// index goes. Upgrade note: stop every instance of an older version first (it would neither write nor read the keys).
    /// </summary>
    public partial class ActivityEventKeyLookups : Migration
    {
        /// <summary>Every stored activity's key into the look-up table (run again, it adds only what is missing).</summary>
        public const string Backfill = """
            INSERT INTO "ActivityEventKeys" ("EventKey", "ActivityId")
            SELECT "EventKey", "Id" FROM "Activities" WHERE "EventKey" IS NOT NULL
            ON CONFLICT DO NOTHING
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityEventKeys",
                columns: table => new
                {
                    EventKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityEventKeys_EventKey", x => x.EventKey);
                });

            migrationBuilder.Sql(Backfill);

            migrationBuilder.DropIndex(
                name: "IX_Activities_EventKey",
                table: "Activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityEventKeys");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_EventKey",
                table: "Activities",
                column: "EventKey",
                unique: true,
                filter: "\"EventKey\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });
        }
    }
}
