using Microsoft.EntityFrameworkCore;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>OpenIddict's tables (applications hold the demo clients with hashed secrets), in their own SQLite file.</summary>
internal sealed class IssuerDbContext(DbContextOptions<IssuerDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }
}
