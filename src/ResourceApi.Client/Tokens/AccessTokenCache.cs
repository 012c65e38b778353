using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Settings;

namespace ResourceApi.Client.Tokens;

/// <summary>
/// One token per <see cref="TokenCacheKey"/> (issuer, client, audience, scopes), handed to every call
/// until <c>RenewBefore</c> ahead of its expiry (or half its life, if sooner). Bounds: one entry per key
/// (the configured key, unless a caller asks for others), and at most one token request in flight per
/// key whatever the concurrency: callers that find the token missing or due share the one pending request. A failed request is not cached; the next call tries
/// again. Each request is bounded by <c>IssuerTimeout</c>, whoever waits for it.
/// </summary>
public sealed partial class AccessTokenCache(TokenEndpointClient issuer, IOptions<ResourceApiClientSettings> settings, TimeProvider clock, ILogger<AccessTokenCache> logger)
{
    private readonly ConcurrentDictionary<TokenCacheKey, Entry> _entries = new();

    /// <summary>The key of the configured client, audience and scopes.</summary>
    public TokenCacheKey DefaultKey => issuer.DefaultKey;

    /// <summary>A token for the configured key that is not due for renewal; see <see cref="GetTokenAsync(TokenCacheKey, CancellationToken)"/>.</summary>
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => GetTokenAsync(DefaultKey, cancellationToken);

    /// <summary>A token that is not due for renewal; requests one (once, for every waiting caller) if needed.</summary>
    public async Task<string> GetTokenAsync(TokenCacheKey key, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        Task<AccessToken> pending;
        lock (entry)
        {
            if (entry.Token is { } token && clock.GetUtcNow() < token.RenewAt)
            {
                return token.Value;
            }
            pending = entry.Pending ??= RequestAsync(key, entry);
        }

        // A caller that gives up stops waiting; the request goes on for the others.
        var fresh = await pending.WaitAsync(cancellationToken);
        return fresh.Value;
    }

    /// <summary>
    /// Forgets <paramref name="refused"/> after the API refused it (e.g. its signing key was withdrawn).
    /// A token already replaced is left alone, so N calls refused together cause one new request.
    /// </summary>
    public void Invalidate(string refused)
    {
        foreach (var entry in _entries.Values)
        {
            lock (entry)
            {
                if (entry.Token?.Value == refused)
                {
                    entry.Token = null;
                }
            }
        }
    }

    private async Task<AccessToken> RequestAsync(TokenCacheKey key, Entry entry)
    {
        // Leave the caller's lock before anything completes, so Pending is set before it is cleared.
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(settings.Value.IssuerTimeout);
            var obtainedAt = clock.GetUtcNow();
            var response = await issuer.RequestTokenAsync(key, timeout.Token);
            var token = Describe(response.AccessToken!, obtainedAt, response.ExpiresIn);
            lock (entry)
            {
                entry.Token = token;
            }
            return token;
        }
        finally
        {
            lock (entry)
            {
                entry.Pending = null;
            }
        }
    }

    private AccessToken Describe(string value, DateTimeOffset obtainedAt, int expiresIn)
    {
        if (expiresIn <= 0)
        {
            // No expires_in: keep it until the API refuses it; BearerTokenHandler then gets a new one.
            LogNoExpiry(logger);
            return new AccessToken(value, obtainedAt, null, DateTimeOffset.MaxValue);
        }

        // Counted from before the request was sent, so the token is never thought to live longer than it does.
        var lifetime = TimeSpan.FromSeconds(expiresIn);
        var margin = settings.Value.RenewBefore < lifetime / 2 ? settings.Value.RenewBefore : lifetime / 2;
        return new AccessToken(value, obtainedAt, obtainedAt + lifetime, obtainedAt + lifetime - margin);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The issuer sent no expires_in: the token is kept until the API refuses it.")]
    private static partial void LogNoExpiry(ILogger logger);

    private sealed class Entry
    {
        public AccessToken? Token;
        public Task<AccessToken>? Pending;
    }
}
