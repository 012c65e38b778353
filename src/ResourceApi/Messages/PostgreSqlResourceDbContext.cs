using Microsoft.EntityFrameworkCore;

namespace ResourceApi.Messages;

/// <summary>
/// The message store on PostgreSQL (<c>Database:Provider</c> = <c>PostgreSQL</c>); migrations in
/// <c>Migrations/PostgreSql</c>. <c>CreatedAt</c> is a <c>timestamptz</c>: the API writes UTC only.
/// </summary>
public sealed class PostgreSqlResourceDbContext(DbContextOptions<PostgreSqlResourceDbContext> options) : ResourceDbContext(options)
{
    private static readonly MessageQueries CompiledQueries = new();

    internal override MessageQueries Queries => CompiledQueries;

    internal override IReadOnlyList<Type> MigrationTypes { get; } = [typeof(Migrations.PostgreSql.Initial)];

    internal override Type ModelSnapshotType => typeof(Migrations.PostgreSql.PostgreSqlResourceDbContextModelSnapshot);
}
