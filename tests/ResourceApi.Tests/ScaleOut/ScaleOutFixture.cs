using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.ScaleOut;

/// <summary>
/// What two replicas share: a PostgreSQL cluster and a redis-server (Debian's packages, loopback ports), and
/// the issuer. Each test starts its own two API processes on a database of their own and an nginx in front.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    /// <summary>How long a replica may take from answering /health to answering /health/ready 200.</summary>
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(60);

    public TestIssuer Issuer { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
    }

    /// <summary>
    /// Two replicas of the API (out of process, from the build output) on a new database of <paramref name="postgres"/>
    /// (the shared cluster by default) and the shared Redis (none when <paramref name="redis"/> is false), started
    /// together so both run the migrations at once, and nginx in front of them.
    /// </summary>
    public async Task<Replicas> StartReplicasAsync(PostgresServer? postgres = null, bool redis = true)
    {
        postgres ??= Postgres;
        var database = await postgres.CreateDatabaseAsync();
        var settings = ApiHost.SettingsFor(Issuer, "unused.db");
        settings["Database:Provider"] = "PostgreSQL";
        settings["ConnectionStrings:Messages"] = postgres.ConnectionString(database);
        settings["ConnectionStrings:Redis"] = redis ? Redis.ConnectionString : null;
        settings["Logging:LogLevel:Default"] = "Warning";
        var dll = Path.Combine(AppContext.BaseDirectory, "ResourceApi.dll");
        var log = Path.Combine(Path.GetTempPath(), $"resourceapi-scaleout-{database}.log");

        var starting = new[] { ApiProcess.StartAsync(dll, settings, logPath: log), ApiProcess.StartAsync(dll, settings, logPath: log) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        var (one, two) = (starting[0].Result, starting[1].Result);
        try
        {
            // Serving only once ready: the signing keys load in the background after start.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var replica in new[] { one, two })
            {
                if (!await Poll.UntilAsync(async () => (await http.GetAsync(replica.BaseUrl + "/health/ready")).StatusCode == System.Net.HttpStatusCode.OK, ReadyBound))
                {
                    throw new TimeoutException($"A replica was not ready within {ReadyBound.TotalSeconds} s; its log: {log}");
                }
            }
            var proxy = await NginxProxy.StartAsync([one.BaseUrl, two.BaseUrl]);
            return new Replicas(one, two, proxy, postgres, database);
        }
        catch
        {
            await one.DisposeAsync();
            await two.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>Two API processes, the proxy in front of them, and the database they share.</summary>
public sealed record Replicas(ApiProcess One, ApiProcess Two, NginxProxy Proxy, PostgresServer Postgres, string Database) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await One.DisposeAsync();
        await Two.DisposeAsync();
    }
}

/// <summary>Alone, after the other collections: four processes and two servers, and a SIGKILL, must not share the two cores with other tests' time bounds.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "Two replicas behind a proxy";
}
