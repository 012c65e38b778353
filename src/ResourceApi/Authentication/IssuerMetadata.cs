using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ResourceApi.Authentication;

/// <summary>Where a scheme's discovery document is (SigningKeys/SigningKeySource fetches it and the JWKS).</summary>
public static class IssuerMetadata
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
        return string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority.TrimEnd('/') + "/" + OpenIdConfigurationPath;
    }
}
