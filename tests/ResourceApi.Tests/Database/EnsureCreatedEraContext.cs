using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ResourceApi.Messages;

namespace ResourceApi.Tests.Database;

/// <summary>
/// The message store as it was before migrations, model for model: the app then made its SQLite file with
/// <c>EnsureCreated</c> from this. The upgrade test makes a file the old way with it.
/// </summary>
internal sealed class EnsureCreatedEraContext(string path) : DbContext
{
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite($"Data Source={path};Pooling=False");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<Message>();
        message.HasKey(m => m.Id);
        message.Property(m => m.Text).HasMaxLength(Message.MaxTextLength).IsRequired();
        message.Property(m => m.CreatedBy).HasMaxLength(256).IsRequired();
        message.Property(m => m.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        message.HasIndex(m => m.CreatedAt);
    }
}
