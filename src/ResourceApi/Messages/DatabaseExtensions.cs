using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ResourceApi.Messages;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "Messages";

    /// <summary>
    /// SQLite in a file; a relative <c>Data Source</c> is taken from the app's content root so the
    /// database lands in the same place whatever folder the app is started from.
    /// </summary>
    public static IServiceCollection AddResourceDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is empty. Set it to a SQLite connection string such as 'Data Source=App_Data/resourceapi.db'.");
        }

        var connection = new SqliteConnectionStringBuilder(configured);
        if (connection.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
            && connection.Mode != SqliteOpenMode.Memory)
        {
            connection.DataSource = Path.Combine(environment.ContentRootPath, source);
        }

        // Pooled contexts: a request rents a ready DbContext instead of building one and its services.
        // Microsoft.Data.Sqlite pools the connections themselves (Pooling=True unless the string says otherwise).
        services.AddDbContextPool<ResourceDbContext>(options => options.UseSqlite(connection.ToString()));
        return services;
    }

    /// <summary>Creates the database file and schema on first run, and puts it in WAL mode.</summary>
    public static async Task EnsureResourceDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(source) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        await db.Database.EnsureCreatedAsync();
        // WAL is stored in the file, so once is enough: readers no longer wait for a writer, and a write
        // appends to the log instead of copying pages to a rollback journal. (An in-memory database stays "memory".)
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
