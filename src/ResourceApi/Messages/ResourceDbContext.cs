using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ResourceApi.Messages;

public sealed class ResourceDbContext(DbContextOptions<ResourceDbContext> options) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<Message>();
        message.HasKey(m => m.Id);
        message.Property(m => m.Text).HasMaxLength(Message.MaxTextLength).IsRequired();
        message.Property(m => m.CreatedBy).HasMaxLength(256).IsRequired();
        // SQLite cannot order by DateTimeOffset; a UTC tick count sorts and round-trips exactly.
        message.Property(m => m.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        message.HasIndex(m => m.CreatedAt);
    }
}
