using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The search moves from two generated columns of Contacts to a narrow table of its own (PostgreSqlSearchSchema):
    /// the table is made and filled from the contacts, its trigram indexes built, and the columns and their indexes go.
    /// At 1M contacts this takes about a minute; the space the columns held in Contacts comes back as rows are rewritten
    /// (or at once with VACUUM FULL, which locks the table).
    /// </summary>
    public partial class SearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in PostgreSqlSearchSchema.Create)
                migrationBuilder.Sql(statement);
            foreach (var statement in GeneratedSearchColumns.Drop)
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in PostgreSqlSearchSchema.Drop)
                migrationBuilder.Sql(statement);
            foreach (var statement in GeneratedSearchColumns.Create)
                migrationBuilder.Sql(statement);
        }
    }
}
