using Microsoft.AspNetCore.OutputCaching;

namespace ResourceApi.Messages;

/// <summary>
/// The output-cache rule for <c>GET /api/messages</c>. The framework's default policy refuses any request with an
/// <c>Authorization</c> header, since a response usually depends on who asks; a page of messages does not (every
/// caller with <c>read:messages</c> sees the same page), and the output-cache middleware runs after authentication
/// and authorization, so a cached page only ever answers a request that already passed both. Stored: a 200 to a
/// GET, one entry per generation, page and page size, whatever the Host header. Never stored: an error, a response that sets
/// a cookie, or one carrying a DPoP nonce (it was meant for one client and would be replayed to others).
/// </summary>
/// <remarks>
/// The key also holds the list's <see cref="IMessageListGeneration"/>, read before the query runs: every write moves
/// it on, so a page is never served after a write that its query may not have seen.
/// </remarks>
internal sealed partial class MessageListCachePolicy(TimeSpan duration, IMessageListGeneration generation, ILogger<MessageListCachePolicy> logger)
    : IOutputCachePolicy
{
    private const string DpopNonceHeader = "DPoP-Nonce";
    private const long WarningInterval = 60_000;

    private long _lastWarning = Environment.TickCount64 - WarningInterval;

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var current = HttpMethods.IsGet(context.HttpContext.Request.Method) ? await ReadGenerationAsync(cancellation) : null;
        var cacheable = current is not null;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Many requests for a page that is not cached yet wait for the first one's query instead of each running it.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = MessageListCache.VaryByQuery;
        // The page does not depend on the host name, and a caller must not grow the cache by varying it.
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.CacheKeyPrefix = $"messages-{current}";
    }

    // Without the number the page cannot be keyed safely: it is read from the database and not stored.
    private async ValueTask<long?> ReadGenerationAsync(CancellationToken cancellation)
    {
        try
        {
            return await generation.CurrentAsync(cancellation);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellation.IsCancellationRequested)
        {
            // Once a minute at most: during an outage every read lands here.
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _lastWarning);
            if (now - last >= WarningInterval && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
            {
                LogGenerationUnreadable(logger, e);
            }
            return null;
        }
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

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "The messages list's cache generation could not be read (is Redis reachable?): pages are read from the database and not cached until it can be.")]
    private static partial void LogGenerationUnreadable(ILogger logger, Exception exception);
}
