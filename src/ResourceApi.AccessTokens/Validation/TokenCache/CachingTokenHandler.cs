using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Puts <see cref="ValidatedTokenCache"/> in front of the scheme's real token handler: a token seen before,
/// still within its lifetime and signed by a key the issuer still publishes, gets the outcome of its first
/// full validation; anything else is validated in full, and only a success is remembered, from the second
/// time the same token succeeds.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    public ValidatedTokenCache Cache => cache;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (string.IsNullOrEmpty(token) || token.Length > AccessTokenHandler.MaxTokenLength)
        {
            return await inner.ValidateTokenAsync(token, validationParameters);
        }

        var hash = TokenHash.Of(token);
        if (cache.Find(hash, await CurrentKeysAsync(validationParameters), validationParameters.ClockSkew) is { } hit)
        {
            return hit.ToResult();
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && cache.Admits(hash) && CachedValidation.From(result, cache.Time.GetTimestamp()) is { } entry)
        {
            cache.Add(hash, entry);
        }
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    // The keys the real handler would check the signature with right now: the issuer's current JWKS when
    // the scheme discovers it (a completed task while the metadata is fresh), else the configured keys.
    // Unavailable metadata means no hit: full validation then decides, and reports the outage.
    private static async ValueTask<IEnumerable<SecurityKey>?> CurrentKeysAsync(TokenValidationParameters parameters)
    {
        if (parameters.ConfigurationManager is not { } manager)
        {
            return parameters.IssuerSigningKeys;
        }

        try
        {
            var pending = manager.GetBaseConfigurationAsync(CancellationToken.None);
            var configuration = pending.IsCompletedSuccessfully ? pending.Result : await pending;
            return configuration?.SigningKeys;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}
