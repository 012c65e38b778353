using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.OpenApi;

/// <summary>
/// Finds the issuer's token endpoint in the discovery document the bearer scheme already uses for its
/// keys, so the OpenAPI document points at the dev issuer locally and at Auth0 (or any other) when the
/// API is configured for it.
/// </summary>
internal sealed partial class TokenEndpointResolver(IOptionsMonitor<JwtBearerOptions> bearerOptions, ILogger<TokenEndpointResolver> logger)
{
    // The document is served to a person waiting in a browser: better a guessed URL than a hung page.
    private static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The token endpoint, or a best guess with the reason it is one.</summary>
    public async Task<TokenEndpoint> ResolveAsync(CancellationToken cancellationToken)
    {
        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        try
        {
            if (options.ConfigurationManager is { } manager)
            {
                var configuration = await manager.GetConfigurationAsync(cancellationToken).WaitAsync(DiscoveryTimeout, cancellationToken);
                if (Uri.TryCreate(configuration.TokenEndpoint, UriKind.Absolute, out var discovered))
                {
                    return new TokenEndpoint(discovered, null);
                }
                return Guess(options, "The issuer's discovery document has no token_endpoint");
            }
            return Guess(options, "No discovery document is configured");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDiscoveryFailed(logger, options.MetadataAddress ?? options.Authority, e.GetBaseException().Message);
            return Guess(options, "The issuer's discovery document could not be fetched when this document was generated");
        }
    }

    // {Authority}/oauth/token is Auth0's and the development issuer's path; the description says it is a guess.
    private static TokenEndpoint Guess(JwtBearerOptions options, string reason)
    {
        var authority = (options.Authority ?? "").TrimEnd('/');
        var url = Uri.TryCreate(authority + "/oauth/token", UriKind.Absolute, out var guessed) ? guessed : new Uri("/oauth/token", UriKind.Relative);
        return new TokenEndpoint(url, $"{reason}, so this token URL is a guess ({url}); check it against the issuer's metadata.");
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning,
        Message = "OpenAPI: could not read the token endpoint from the issuer's discovery document at {Address} ({Detail}); the document shows {{Authority}}/oauth/token instead. Check Authentication:Schemes:Bearer:Authority.")]
    private static partial void LogDiscoveryFailed(ILogger logger, string? address, string detail);
}

/// <summary>A token URL, and why it is only a guess when it is one.</summary>
internal sealed record TokenEndpoint(Uri Url, string? Warning);
