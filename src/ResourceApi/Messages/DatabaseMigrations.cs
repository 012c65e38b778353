using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ResourceApi.Messages;

/// <summary>
/// Brings the database to this build's schema with EF Core migrations: at start (unless
/// <c>Database:MigrateAtStart</c> is false), or alone with <c>dotnet ResourceApi.dll migrate</c>. EF Core
/// takes a lock first (PostgreSQL: <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> in
/// the migration's transaction; SQLite: a row in <c>__EFMigrationsLock</c>), so replicas starting together
/// apply each migration once and the others wait for it.
/// </summary>
public static partial class DatabaseMigrations
{
    /// <summary>The command-line verb that migrates and exits.</summary>
    public const string Command = "migrate";

    public const string MigrateAtStartKey = "Database:MigrateAtStart";

    /// <summary>The SQLite migration whose schema is the one <c>EnsureCreated</c> made before migrations existed.</summary>
    internal const string SqliteBaseline = "20261203205946_Initial";

    /// <summary>
    /// <c>dotnet ResourceApi.dll migrate</c>: applies the pending migrations to the database the settings name
    /// and exits. Only the database settings are read, so a pipeline step needs nothing else (no issuer).
    /// </summary>
    public static async Task RunCommandAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddResourceDatabase(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await app.MigrateResourceDatabaseAsync();
    }

    /// <summary>Applies the pending migrations, unless <c>Database:MigrateAtStart</c> is false (a pipeline migrates).</summary>
    public static async Task MigrateResourceDatabaseAtStartAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue(MigrateAtStartKey, defaultValue: true))
        {
            await app.MigrateResourceDatabaseAsync();
        }
    }

    /// <summary>
    /// Applies every pending migration. A SQLite file made by <c>EnsureCreated</c> (before migrations) is
    /// first recorded as being at <see cref="SqliteBaseline"/>, its schema, so its messages are kept and
    /// only the later migrations run. SQLite is then put in WAL mode.
    /// </summary>
    public static async Task MigrateResourceDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrations));
        if (db.Database.IsSqlite())
        {
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (Path.GetDirectoryName(source) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
            await BaselineEnsureCreatedDatabaseAsync(db, log);
        }

        // Asked after, not before: on a new PostgreSQL database the history table does not exist yet, and asking
        // first would log a failed command as an error.
        await db.Database.MigrateAsync();
        if (log.IsEnabled(LogLevel.Information))
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            var last = applied.Count == 0 ? "(none)" : applied[^1];
            LogAt(log, last, applied.Count);
        }

        if (db.Database.IsSqlite())
        {
            // WAL is stored in the file, so once is enough: readers no longer wait for a writer, and a write
            // appends to the log instead of copying pages to a rollback journal. (An in-memory database stays "memory".)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    // Both statements are idempotent (CREATE ... IF NOT EXISTS, INSERT OR IGNORE) so a second process doing
    // the same at the same moment changes nothing.
    private static async Task BaselineEnsureCreatedDatabaseAsync(ResourceDbContext db, ILogger log)
    {
        var history = db.GetService<IHistoryRepository>();
        if (await history.ExistsAsync() || !await TableExistsAsync(db, "Messages"))
        {
            return;
        }
        var row = new HistoryRow(SqliteBaseline, ProductInfo.GetVersion());
        var insert = history.GetInsertScript(row).Replace("INSERT INTO", "INSERT OR IGNORE INTO", StringComparison.Ordinal);
#pragma warning disable EF1003 // EF's own history-table script, with no outside input in it.
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript() + insert);
#pragma warning restore EF1003
        LogBaselined(log, SqliteBaseline);
    }

    private static async Task<bool> TableExistsAsync(ResourceDbContext db, string table) =>
        await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}").SingleAsync() > 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "The messages database is at migration {Migration} ({Count} applied).")]
    private static partial void LogAt(ILogger logger, string migration, int count);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The messages database was created before migrations (EnsureCreated); recorded it at {Migration}, its schema, and kept its messages.")]
    private static partial void LogBaselined(ILogger logger, string migration);
}
