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
    public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => GetTokenAsync(DefaultKey, cancellationToken);

    /// <summary>A token that is not due for renewal; requests one (once, for every waiting caller) if needed.</summary>
    public async Task<AccessToken> GetTokenAsync(TokenCacheKey key, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        Task<AccessToken> pending;
        lock (entry)
        {
            if (entry.Token is { } token && clock.GetUtcNow() < token.RenewAt)
            {
                return token;
            }
            pending = entry.Pending ??= RequestAsync(key, entry);
        }

        // A caller that gives up stops waiting; the request goes on for the others.
        return await pending.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// After the API refused <paramref name="refused"/> (e.g. its signing key was withdrawn): true when the
    /// call should be sent again with the token <see cref="GetTokenAsync(CancellationToken)"/> now gives.
    /// A token already replaced is left alone, so N calls refused together cause one new request. Dropping
    /// a token to force a new one happens at most once per <c>RefusedTokenCooldown</c> per key: inside it,
    /// false, and the refusal is the caller's, so an API that refuses every token (a wrong audience, a
    /// clock far off) costs one token request per cooldown, not one per call.
    /// </summary>
    public bool Invalidate(AccessToken refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var now = clock.GetUtcNow();
        foreach (var entry in _entries.Values)
        {
            lock (entry)
            {
                if (entry.Token != refused)
                {
                    continue;
                }
                if (entry.LastForcedRenewal is { } last && now - last < settings.Value.RefusedTokenCooldown)
                {
                    LogCoolingDown(logger, settings.Value.RefusedTokenCooldown - (now - last));
                    return false;
                }
                entry.Token = null;
                entry.LastForcedRenewal = now;
                return true;
            }
        }
        return true;
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
            // The scheme it is sent with: DPoP for a token bound to this client's key (RFC 9449 §5), else Bearer.
            var type = string.Equals(response.TokenType, "DPoP", StringComparison.OrdinalIgnoreCase) ? "DPoP" : "Bearer";
            var token = Describe(response.AccessToken!, type, obtainedAt, response.ExpiresIn);
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

    private AccessToken Describe(string value, string type, DateTimeOffset obtainedAt, int expiresIn)
    {
        if (expiresIn <= 0)
        {
            // No expires_in: keep it until the API refuses it; AccessTokenHandler then gets a new one.
            LogNoExpiry(logger);
            return new AccessToken(value, type, obtainedAt, null, DateTimeOffset.MaxValue);
        }

        // Counted from before the request was sent, so the token is never thought to live longer than it does.
        var lifetime = TimeSpan.FromSeconds(expiresIn);
        var margin = settings.Value.RenewBefore < lifetime / 2 ? settings.Value.RenewBefore : lifetime / 2;
        return new AccessToken(value, type, obtainedAt, obtainedAt + lifetime, obtainedAt + lifetime - margin);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The issuer sent no expires_in: the token is kept until the API refuses it.")]
    private static partial void LogNoExpiry(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The API refused a token that was renewed for the same reason moments ago: no new token for another {Wait}, so a misconfigured API does not flood the issuer.")]
    private static partial void LogCoolingDown(ILogger logger, TimeSpan wait);

    private sealed class Entry
    {
        public AccessToken? Token;
        public DateTimeOffset? LastForcedRenewal;
        public Task<AccessToken>? Pending;
    }
}
