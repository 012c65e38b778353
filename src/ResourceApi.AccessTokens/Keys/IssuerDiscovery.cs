using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Each trusted issuer's discovery document, through the very client its bearer scheme uses for its keys
/// (same cache, same refresh), for the documents that point callers at the issuers: OpenAPI and RFC 9728 metadata.
/// Reading it never fetches: while the issuer is down these answer at once with their fallback.
/// </summary>
public sealed class IssuerDiscovery(IOptionsMonitor<JwtBearerOptions> bearerOptions, IOptionsMonitor<AccessTokenOptions> accessTokenOptions)
{
    // These documents are read by a person or a client waiting on an answer: better a fallback than a hang.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The authority of <paramref name="scheme"/> (configured, or given by its <c>AuthorityProvider</c>), the fallback when its document cannot be read.</summary>
    public string? AuthorityOf(string scheme) =>
        bearerOptions.Get(scheme).Authority is { Length: > 0 } configured ? configured : accessTokenOptions.Get(scheme).ProvidedAuthority();

    /// <summary>The discovery document of <paramref name="scheme"/>'s issuer.</summary>
    /// <exception cref="InvalidOperationException">No discovery document is configured, or it could not be fetched in time.</exception>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string scheme, CancellationToken cancellationToken)
    {
        var manager = bearerOptions.Get(scheme).ConfigurationManager ?? throw new InvalidOperationException("No discovery document is configured");
        try
        {
            return await manager.GetConfigurationAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (SigningKeysUnavailableException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"The issuer's discovery document did not arrive within {Timeout.TotalSeconds:0} s", e);
        }
    }
}
