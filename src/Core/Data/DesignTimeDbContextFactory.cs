using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting an application.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design-time.db").Options, TimeProvider.System);
}

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context PostgreSqlDbContext --output-dir Data/PostgreSqlMigrations</c> build the
/// PostgreSQL model; no server is contacted to add a migration.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=localhost;Database=annuaire_design").Options, TimeProvider.System);
}
