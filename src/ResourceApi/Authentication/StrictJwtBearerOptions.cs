using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Authentication;

/// <summary>
/// Applies this API's validation rules on top of what the framework bound from
/// <c>Authentication:Schemes:Bearer</c>. It runs as a Configure step (not PostConfigure) because the
/// framework builds the metadata client from Authority and RequireHttpsMetadata in its own PostConfigure.
/// </summary>
internal sealed class StrictJwtBearerOptions(IOptions<BearerTokenSettings> settings, IEnumerable<IDefaultAuthority> defaultAuthorities)
    : IConfigureNamedOptions<JwtBearerOptions>
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
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var s = settings.Value;
        if (string.IsNullOrWhiteSpace(s.DiscoveryAddress) && defaultAuthorities.FirstOrDefault() is { } fallback)
        {
            options.Authority = fallback.GetAuthority();
        }

        var discovery = string.IsNullOrWhiteSpace(options.MetadataAddress) ? options.Authority : options.MetadataAddress;
        var loopback = Uri.TryCreate(discovery, UriKind.Absolute, out var uri) && uri.IsLoopback;
        options.RequireHttpsMetadata = !loopback || s.RequireHttpsMetadata == true;

        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false; // BearerEvents writes the error, in plain words
        options.SaveToken = false;
        options.EventsType = typeof(BearerEvents);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new AccessTokenHandler());

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
        tvp.ValidAudiences = s.Audiences;
        tvp.ValidAlgorithms = AllowedAlgorithms;
        tvp.ValidTypes = s.EffectiveValidTypes;
        tvp.ClockSkew = s.EffectiveClockSkew;
        tvp.IssuerSigningKey = null;
        tvp.IssuerSigningKeys = null;
        tvp.NameClaimType = "sub";
        tvp.RoleClaimType = "roles";
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
