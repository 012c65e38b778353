using Microsoft.AspNetCore.OutputCaching;

namespace ResourceApi.Messages;

/// <summary>
/// The output-cache rule for <c>GET /api/messages</c>. The framework's default policy refuses any request with an
/// <c>Authorization</c> header, since a response usually depends on who asks; a page of messages does not (every
/// caller with <c>read:messages</c> sees the same page), and the output-cache middleware runs after authentication
/// and authorization, so a cached page only ever answers a request that already passed both. Stored: a 200 to a
/// GET, one entry per database, page and page size, whatever the Host header. Never stored: an error, a response that sets
/// a cookie, or one carrying a DPoP nonce (it was meant for one client and would be replayed to others).
/// </summary>
internal sealed class MessageListCachePolicy(TimeSpan duration, string keyPrefix) : IOutputCachePolicy
{
    private const string DpopNonceHeader = "DPoP-Nonce";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = HttpMethods.IsGet(context.HttpContext.Request.Method);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Many requests for a page that is not cached yet wait for the first one's query instead of each running it.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = MessageListCache.VaryByQuery;
        // The page does not depend on the host name, and a caller must not grow the cache by varying it.
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.CacheKeyPrefix = keyPrefix;
        context.Tags.Add(MessageListCache.Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || response.Headers.ContainsKey(DpopNonceHeader))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
