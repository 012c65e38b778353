using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;

namespace ResourceApi.Tests.Infrastructure;

/// <summary>One issuer and one built API host, shared by every test in the <see cref="ApiCollection"/>.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly List<string> _databases = [];

    public TestIssuer Issuer { get; private set; } = null!;

    public ApiHost Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Factory = CreateFactory();
        _ = Factory.Server; // build the host once, up front
    }

    /// <summary>
    /// A new host on a new database; <paramref name="overrides"/> change or remove (null) settings, and
    /// <paramref name="services"/> decorates a service of the app (after its own registrations).
    /// </summary>
    public ApiHost CreateFactory(IReadOnlyDictionary<string, string?>? overrides = null, string environment = "Production", string? databasePath = null,
        Action<IServiceCollection>? services = null)
    {
        databasePath ??= NewDatabasePath();
        var settings = ApiHost.SettingsFor(Issuer, databasePath);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new ApiHost(settings, environment, services);
    }

    public string NewDatabasePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resourceapi-test-{Guid.NewGuid():N}.db");
        _databases.Add(path);
        return path;
    }

    public HttpClient Client(string? token = null) => ClientFor(Factory, token);

    public static HttpClient ClientFor(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Issuer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in _databases)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API against a loopback issuer";
}
