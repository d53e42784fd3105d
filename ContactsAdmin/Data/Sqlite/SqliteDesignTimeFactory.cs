using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// The SQLite model for `dotnet ef migrations add NAME --context ContactsAdmin.Data.AppDbContext --output-dir Data/Migrations`:
/// without it the tools would build <see cref="AppDbContext"/> through the PostgreSQL design-time factory (its
/// context derives from this one). Adding a migration compares models and opens no file.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(SqliteStoreEngine.DefaultConnectionString).Options);
}
