using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add NAME --context PostgreSqlAppDbContext --output-dir Data/PostgreSql/Migrations` build the
/// PostgreSQL model without a server: adding a migration compares models and connects to nothing.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost;Database=contacts").Options);
}
