using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ResourceApi.Messages;

/// <summary>The message store on SQLite (<c>Database:Provider</c> = <c>Sqlite</c>, the default); migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteResourceDbContext(DbContextOptions<SqliteResourceDbContext> options) : ResourceDbContext(options)
{
    private static readonly MessageQueries CompiledQueries = new();

    internal override MessageQueries Queries => CompiledQueries;

    internal override IReadOnlyList<Type> MigrationTypes { get; } = [typeof(Migrations.Sqlite.Initial), typeof(Migrations.Sqlite.ListIndex)];

    internal override Type ModelSnapshotType => typeof(Migrations.Sqlite.SqliteResourceDbContextModelSnapshot);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQLite cannot order by DateTimeOffset; a UTC tick count sorts and round-trips exactly.
        modelBuilder.Entity<Message>().Property(m => m.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
    }
}
