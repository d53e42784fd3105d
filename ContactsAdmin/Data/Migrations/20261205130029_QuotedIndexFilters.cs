using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactsAdmin.Data.Migrations
{
    /// <summary>
    /// The partial indexes' filters now quote their column ("WidgetId" IS NOT NULL), so that the one model serves
    /// PostgreSQL too, which folds unquoted names to lower case. To SQLite both spellings are the same index, so
    /// existing databases keep theirs: nothing to rebuild, only the model's record changes.
    /// </summary>
    public partial class QuotedIndexFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
