using ResourceApi.AccessTokens;

namespace ResourceApi.OpenApi;

/// <summary>
/// Finds each trusted issuer's token endpoint in the discovery document its bearer scheme already uses
/// for its keys, so the OpenAPI document points at the dev issuer locally and at Auth0 (or any other)
/// when the API is configured for it.
/// </summary>
internal sealed partial class TokenEndpointResolver(IssuerDiscovery discovery, ILogger<TokenEndpointResolver> logger)
{
    /// <summary>The token endpoint of <paramref name="scheme"/>'s issuer, or a best guess with the reason it is one.</summary>
    public async Task<TokenEndpoint> ResolveAsync(string scheme, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await discovery.GetConfigurationAsync(scheme, cancellationToken);
            return Uri.TryCreate(configuration.TokenEndpoint, UriKind.Absolute, out var discovered)
                ? new TokenEndpoint(discovered, configuration.Issuer, null)
                : Guess(scheme, configuration.Issuer, "The issuer's discovery document has no token_endpoint");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var guess = Guess(scheme, discovery.AuthorityOf(scheme), "The issuer's discovery document could not be fetched when this document was generated");
            LogDiscoveryFailed(logger, scheme, e.GetBaseException().Message, guess.Url);
            return guess;
        }
    }

    // {Authority}/oauth/token is Auth0's and the development issuer's path; the description says it is a guess.
    private TokenEndpoint Guess(string scheme, string? issuer, string reason)
    {
        var authority = (discovery.AuthorityOf(scheme) ?? "").TrimEnd('/');
        var url = Uri.TryCreate(authority + "/oauth/token", UriKind.Absolute, out var guessed) ? guessed : new Uri("/oauth/token", UriKind.Relative);
        return new TokenEndpoint(url, issuer, $"{reason}, so this token URL is a guess ({url}); check it against the issuer's metadata.");
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning,
        Message = "OpenAPI: could not read the token endpoint from the discovery document of the issuer in Authentication:Schemes:{Scheme} ({Detail}); the document shows {Guess} instead. Check that section's Authority.")]
    private static partial void LogDiscoveryFailed(ILogger logger, string scheme, string detail, Uri guess);
}

/// <summary>A token URL, the issuer it belongs to (when known), and why the URL is only a guess when it is one.</summary>
internal sealed record TokenEndpoint(Uri Url, string? Issuer, string? Warning);
