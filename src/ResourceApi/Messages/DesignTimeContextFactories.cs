using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ResourceApi.Messages;

// `dotnet ef migrations add X --context SqliteResourceDbContext|PostgreSqlResourceDbContext` builds the
// context here instead of starting the app: no settings, no issuer, no database server needed to write SQL.

internal sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteResourceDbContext>
{
    public SqliteResourceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteResourceDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgreSqlDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgreSqlResourceDbContext>
{
    public PostgreSqlResourceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlResourceDbContext>().UseNpgsql("Host=localhost;Database=design-time").Options);
}
