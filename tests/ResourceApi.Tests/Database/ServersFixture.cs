using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Database;

/// <summary>
/// A throwaway PostgreSQL cluster and redis-server (Debian's packages, loopback ports) and an issuer, shared by
/// the tests that need real servers. Each test takes a database of its own. Missing packages fail the tests
/// with what to install.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public TestIssuer Issuer { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
    }

    /// <summary>Settings for an API on a new PostgreSQL database (returned), and Redis unless <paramref name="redis"/> is false.</summary>
    public async Task<(Dictionary<string, string?> Settings, string Database)> SettingsAsync(bool redis = true)
    {
        var database = await Postgres.CreateDatabaseAsync();
        var settings = ApiHost.SettingsFor(Issuer, "unused.db");
        settings["Database:Provider"] = "PostgreSQL";
        settings["ConnectionStrings:Messages"] = Postgres.ConnectionString(database);
        settings["ConnectionStrings:Redis"] = redis ? Redis.ConnectionString : null;
        return (settings, database);
    }

    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "PostgreSQL and Redis";
}
