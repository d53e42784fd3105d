using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContactsAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SortIndexesWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_Country",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Language",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastName_FirstName",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Country_Id",
                table: "Contacts",
                columns: new[] { "Country", "Id" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_EmailNormalized_Id",
                table: "Contacts",
                columns: new[] { "EmailNormalized", "Id" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Language_Id",
                table: "Contacts",
                columns: new[] { "Language", "Id" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastName_FirstName_Id",
                table: "Contacts",
                columns: new[] { "LastName", "FirstName", "Id" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Named_LastName_FirstName_Id",
                table: "Contacts",
                columns: new[] { "LastName", "FirstName", "Id" },
                filter: "\"LastName\" IS NOT NULL OR \"FirstName\" IS NOT NULL")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Phone_Id",
                table: "Contacts",
                columns: new[] { "Phone", "Id" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.Unspecified });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_Country_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_EmailNormalized_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Language_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastName_FirstName_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Named_LastName_FirstName_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Phone_Id",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Country",
                table: "Contacts",
                column: "Country")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Language",
                table: "Contacts",
                column: "Language")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastName_FirstName",
                table: "Contacts",
                columns: new[] { "LastName", "FirstName" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsFirst });
        }
    }
}
