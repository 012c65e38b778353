using Microsoft.EntityFrameworkCore;

namespace ResourceApi.Messages;

/// <summary>
/// The message store, as the endpoints see it whatever the database. Each provider has its own subclass
/// (<see cref="SqliteResourceDbContext"/>, <see cref="PostgreSqlResourceDbContext"/>) because each has its
/// own migrations: the SQL differs, and EF finds a migration by the context type it names.
/// </summary>
public abstract class ResourceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();

    /// <summary>The compiled read queries for this provider's model.</summary>
    internal abstract MessageQueries Queries { get; }

    /// <summary>This provider's migrations, oldest first (<see cref="ListedMigrations"/> says why they are listed).</summary>
    internal abstract IReadOnlyList<Type> MigrationTypes { get; }

    internal abstract Type ModelSnapshotType { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<Message>();
        message.HasKey(m => m.Id);
        message.Property(m => m.Text).HasMaxLength(Message.MaxTextLength).IsRequired();
        message.Property(m => m.CreatedBy).HasMaxLength(256).IsRequired();
        // The list query's order, so a page is read from the index instead of sorting the table.
        message.HasIndex(m => new { m.CreatedAt, m.Id }).IsDescending(true, true).HasDatabaseName("IX_Messages_CreatedAt_Id");
    }
}
