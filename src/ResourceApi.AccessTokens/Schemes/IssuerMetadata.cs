using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ResourceApi.AccessTokens;

/// <summary>Where a scheme's discovery document is (Keys/SigningKeySource fetches it and the JWKS).</summary>
internal static class IssuerMetadata
{
    public const string OpenIdConfigurationPath = ".well-known/openid-configuration";

    /// <summary>The discovery document's URL: <c>MetadataAddress</c>, else <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public static string? AddressOf(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.MetadataAddress))
        {
            return options.MetadataAddress;
        }
        return string.IsNullOrWhiteSpace(options.Authority) ? null : AddressOf(options.Authority);
    }

    /// <summary>The discovery document's URL of the issuer at <paramref name="authority"/>.</summary>
    public static string AddressOf(string authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return authority.TrimEnd('/') + "/" + OpenIdConfigurationPath;
    }
}
