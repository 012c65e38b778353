using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResourceApi.Client.Api;
using ResourceApi.Client.Configuration;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>
/// The calling service's services exactly as its Program registers them (AddResourceApiClient), pointed
/// at an <see cref="ApiHost"/> as demo-writer, with an empty token cache. Retries wait 50 ms, not 1 s.
/// </summary>
public sealed class CallingService : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CallingService(ServiceProvider provider) => _provider = provider;

    public ResourceApiClient Api => _provider.GetRequiredService<ResourceApiClient>();

    /// <summary>The service's own services: its token cache, its DPoP key.</summary>
    public IServiceProvider Services => _provider;

    /// <param name="tokenClock">The token cache's clock only; HTTP timeouts and retries keep real time.</param>
    public static CallingService For(string authority, string apiBaseUrl, IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? tokenClock = null)
    {
        const string Section = ResourceApiClientSettings.SectionName;
        var settings = new Dictionary<string, string?>
        {
            [$"{Section}:Authority"] = authority,
            [$"{Section}:ApiBaseUrl"] = apiBaseUrl,
            [$"{Section}:ClientId"] = "demo-writer",
            [$"{Section}:ClientSecret"] = "demo-writer-secret",
            [$"{Section}:Audience"] = TrafficHost.Audience,
            [$"{Section}:RetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[$"{Section}:{key}"] = value;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddResourceApiClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (tokenClock is not null)
        {
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<AccessTokenCache>(provider, tokenClock));
        }
        return new CallingService(services.BuildServiceProvider(validateScopes: true));
    }

    public static CallingService For(ApiHost host, IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? tokenClock = null) =>
        For(host.BaseUrl + "/", host.BaseUrl, overrides, tokenClock);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
