using ResourceApi.Authentication;

namespace ResourceApi.OpenApi;

/// <summary>
/// Finds the issuer's token endpoint in the discovery document the bearer scheme already uses for its
/// keys, so the OpenAPI document points at the dev issuer locally and at Auth0 (or any other) when the
/// API is configured for it.
/// </summary>
internal sealed partial class TokenEndpointResolver(IssuerDiscovery discovery, ILogger<TokenEndpointResolver> logger)
{
    /// <summary>The token endpoint, or a best guess with the reason it is one.</summary>
    public async Task<TokenEndpoint> ResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await discovery.GetConfigurationAsync(cancellationToken);
            return Uri.TryCreate(configuration.TokenEndpoint, UriKind.Absolute, out var discovered)
                ? new TokenEndpoint(discovered, null)
                : Guess("The issuer's discovery document has no token_endpoint");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDiscoveryFailed(logger, discovery.Options.MetadataAddress ?? discovery.Authority, e.GetBaseException().Message);
            return Guess("The issuer's discovery document could not be fetched when this document was generated");
        }
    }

    // {Authority}/oauth/token is Auth0's and the development issuer's path; the description says it is a guess.
    private TokenEndpoint Guess(string reason)
    {
        var authority = (discovery.Authority ?? "").TrimEnd('/');
        var url = Uri.TryCreate(authority + "/oauth/token", UriKind.Absolute, out var guessed) ? guessed : new Uri("/oauth/token", UriKind.Relative);
        return new TokenEndpoint(url, $"{reason}, so this token URL is a guess ({url}); check it against the issuer's metadata.");
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning,
        Message = "OpenAPI: could not read the token endpoint from the issuer's discovery document at {Address} ({Detail}); the document shows {{Authority}}/oauth/token instead. Check Authentication:Schemes:Bearer:Authority.")]
    private static partial void LogDiscoveryFailed(ILogger logger, string? address, string detail);
}

/// <summary>A token URL, and why it is only a guess when it is one.</summary>
internal sealed record TokenEndpoint(Uri Url, string? Warning);
