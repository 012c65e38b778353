using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.SigningKeys;

namespace ResourceApi.Authentication;

/// <summary>
/// Applies this API's validation rules on top of what the framework bound from
/// <c>Authentication:Schemes:{scheme}</c>. A Configure step (not PostConfigure), so it runs after the
/// framework's binding and before the framework would build a metadata client of its own.
/// </summary>
internal sealed class StrictJwtBearerSetup(IOptionsMonitor<AccessTokenOptions> accessTokenOptions, SigningKeySourceFactory signingKeys) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>Asymmetric algorithms only: never <c>none</c>, never HMAC (a shared secret is no proof of issuer).</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var token = accessTokenOptions.Get(name);

        // Built here rather than by the framework: the key set's bounds are this API's (SigningKeySource),
        // and https is required for every issuer but a loopback one whatever RequireHttpsMetadata says.
        if (IssuerMetadata.AddressOf(options) is { } address)
        {
            options.ConfigurationManager = signingKeys.Create(name, options, () => address);
        }

        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false; // BearerEvents writes the error, in plain words
        options.SaveToken = false;
        options.EventsType = typeof(BearerEvents);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new AccessTokenHandler(options.ConfigurationManager as SigningKeySource));

        // The framework replaced TokenValidationParameters while binding, switching issuer and audience
        // checks off when none were configured and adding any hand-configured signing keys. Undo both.
        var tvp = options.TokenValidationParameters;
        tvp.ValidateIssuer = true;
        tvp.ValidateAudience = true;
        tvp.ValidateLifetime = true;
        tvp.ValidateIssuerSigningKey = true;
        tvp.RequireSignedTokens = true;
        tvp.RequireExpirationTime = true;
        tvp.RequireAudience = true;
        tvp.IgnoreTrailingSlashWhenValidatingAudience = false;
        tvp.ValidAudiences = [.. (tvp.ValidAudiences ?? []).Append(tvp.ValidAudience).OfType<string>().Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)];
        tvp.ValidAudience = null;
        tvp.ValidAlgorithms = AllowedAlgorithms;
        tvp.ValidTypes = token.ValidTypes;
        tvp.ClockSkew = token.ClockSkew;
        tvp.IssuerSigningKey = null;
        tvp.IssuerSigningKeys = null;
        // A token is verified only with the key its kid names (SigningKeyMatch), never with every key.
        tvp.TryAllIssuerSigningKeys = false;
        tvp.IssuerSigningKeyResolver = SigningKeyMatch.Resolve;
        tvp.NameClaimType = "sub";
        tvp.RoleClaimType = "roles";
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
