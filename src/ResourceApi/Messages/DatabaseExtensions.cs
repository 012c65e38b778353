using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ResourceApi.Messages;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "Messages";
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// The message store on the database <c>Database:Provider</c> names (<c>Sqlite</c>, the default, or
    /// <c>PostgreSQL</c>), at <c>ConnectionStrings:Messages</c>. A relative SQLite <c>Data Source</c> is
    /// taken from the app's content root, so the file lands in the same place whatever folder the app is
    /// started from. Settings that cannot work stop the app here, naming the key.
    /// </summary>
    public static IServiceCollection AddResourceDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = ReadProvider(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(provider == DatabaseProvider.Sqlite
                ? $"ConnectionStrings:{ConnectionStringName} is empty. Set it to a SQLite connection string such as 'Data Source=App_Data/resourceapi.db'."
                : $"ConnectionStrings:{ConnectionStringName} is empty. Set it to a PostgreSQL connection string such as 'Host=db;Database=resourceapi;Username=resourceapi;Password=...'.");
        }

        services.AddSingleton(new DatabaseInfo(provider));
        // Pooled contexts: a request rents a ready DbContext instead of building one and its services. Both
        // drivers pool the connections themselves (Pooling=True unless the string says otherwise).
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var connection = Parse(configured, s => new NpgsqlConnectionStringBuilder(s), "PostgreSQL");
            services.AddDbContextPool<ResourceDbContext, PostgreSqlResourceDbContext>(options => options.UseNpgsql(connection.ConnectionString)
                .ReplaceService<IMigrationsAssembly, ListedMigrations>());
        }
        else
        {
            var connection = Parse(configured, s => new SqliteConnectionStringBuilder(s), "SQLite");
            if (connection.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
                && connection.Mode != SqliteOpenMode.Memory)
            {
                connection.DataSource = Path.Combine(environment.ContentRootPath, source);
            }
            services.AddDbContextPool<ResourceDbContext, SqliteResourceDbContext>(options => options.UseSqlite(connection.ToString())
                .ReplaceService<IMigrationsAssembly, ListedMigrations>());
        }
        return services;
    }

    private static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }
        // Names only: Enum.TryParse would also take "1" or "Sqlite,PostgreSQL".
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(value.Trim(), provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }
        throw new InvalidOperationException($"{ProviderKey} is '{value}'. Set it to Sqlite (the default) or PostgreSQL.");
    }

    // The driver's own parser, at start: a misspelt keyword stops the app here, not at the first request.
    // Its message names the keyword, never the value (the string may hold a password).
    private static T Parse<T>(string connectionString, Func<string, T> parse, string database)
    {
        try
        {
            return parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a {database} connection string: {e.Message}", e);
        }
    }
}

/// <summary>Which database the message store is on, for the readiness report and the start-up log.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);
