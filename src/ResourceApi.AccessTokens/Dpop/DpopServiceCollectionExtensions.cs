using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResourceApi.AccessTokens;

public static class DpopServiceCollectionExtensions
{
    /// <summary>
    /// Remembers used DPoP proofs in the app's <see cref="IDistributedCache"/> instead of in process, so a proof
    /// accepted by one replica is refused by every other (<see cref="DistributedDpopReplayCache"/>). Register the
    /// cache itself first (e.g. <c>AddStackExchangeRedisCache</c>), and an <see cref="IDistributedCacheAddIfAbsent"/>
    /// for an atomic add. Call it after or before <c>AddAccessTokenValidation</c>: it replaces the in-memory default.
    /// </summary>
    public static IServiceCollection AddDistributedDpopReplayCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IDpopReplayCache>();
        services.AddSingleton<IDpopReplayCache>(sp => new DistributedDpopReplayCache(
            sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IDistributedCacheAddIfAbsent>()));
        return services;
    }
}
