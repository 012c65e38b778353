using System.Collections.Concurrent;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// The identity providers and one API host per preset, each configured with only the settings its
/// README recipe names (authority, audience, preset). Hosts are built on first use and shared.
/// </summary>
public sealed class PresetHosts : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<ApiHost>> _hosts = new();
    private readonly List<string> _databases = [];

    public IdentityProviders Idps { get; private set; } = null!;

    public async Task InitializeAsync() => Idps = await IdentityProviders.StartAsync();

    /// <summary>The API with <c>Authentication:Schemes:Bearer</c> set for the preset's IdP.</summary>
    public ApiHost For(string preset) => Host(preset, () => Idps.Shape(preset).Settings("Bearer"));

    /// <summary>A host keyed by <paramref name="key"/>, built once from the settings <paramref name="settings"/> gives.</summary>
    public ApiHost Host(string key, Func<Dictionary<string, string?>> settings) => _hosts.GetOrAdd(key, _ => new Lazy<ApiHost>(() =>
    {
        var values = settings();
        var database = Path.Combine(Path.GetTempPath(), $"resourceapi-test-{Guid.NewGuid():N}.db");
        lock (_databases)
        {
            _databases.Add(database);
        }
        values["ConnectionStrings:Messages"] = $"Data Source={database}";
        var factory = new ApiHost(values);
        factory.Server.Should().NotBeNull();
        return factory;
    })).Value;

    public static HttpClient Client(ApiHost factory, string? token) => ApiFixture.ClientFor(factory, token);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsValueCreated))
        {
            await host.Value.DisposeAsync();
        }
        await Idps.DisposeAsync();
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
