using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The one setup of a trusted scheme, on top of what the framework bound from <c>Authentication:Schemes:{scheme}</c>,
/// in the order written here: this API's strict validation rules, the preset's issuer and audience forms, the
/// token handler (behind the validated-token cache when it is on), and the bounded key set. A Configure step
/// (not PostConfigure), so it runs after the framework's binding and before the framework would build a
/// metadata client of its own.
/// </summary>
internal sealed class JwtBearerSchemeSetup(IOptionsMonitor<AccessTokenOptions> accessTokenOptions, SigningKeySourceFactory signingKeys, TimeProvider time)
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
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var token = accessTokenOptions.Get(name);
        ApplyStrictRules(options, token);
        ApplyPreset(options, token);

        // Built here rather than by the framework: the key set's bounds are this API's (SigningKeySource),
        // and https is required for every issuer but a loopback one whatever RequireHttpsMetadata says.
        var keys = MetadataAddress(options, token) is { } address ? signingKeys.Create(name, options, token, address) : null;
        options.ConfigurationManager = keys;

        AccessTokenHandler handler = new(token, keys);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(token.TokenCache.Enabled
            ? new CachingTokenHandler(handler, new ValidatedTokenCache(token.TokenCache.MaxEntries, time))
            : handler);
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>The discovery document's address: from <see cref="AccessTokenOptions.AuthorityProvider"/>, else <c>MetadataAddress</c>, else <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    private static Func<string>? MetadataAddress(JwtBearerOptions options, AccessTokenOptions token)
    {
        if (token.AuthorityProvider is { } provider)
        {
            return () => IssuerMetadata.AddressOf(provider());
        }
        return IssuerMetadata.AddressOf(options) is { } address ? () => address : null;
    }

    private static void ApplyStrictRules(JwtBearerOptions options, AccessTokenOptions token)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false; // BearerEvents writes the error, in plain words
        options.SaveToken = false;
        options.EventsType = typeof(BearerEvents);

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

    // After the strict rules, which collect the audiences into one list.
    private static void ApplyPreset(JwtBearerOptions options, AccessTokenOptions token)
    {
        if (token.Preset == IssuerPreset.EntraId)
        {
            var tvp = options.TokenValidationParameters;
            tvp.ValidAudiences = [.. EntraIdForms.Audiences(tvp.ValidAudiences ?? []).Distinct(StringComparer.Ordinal)];
            tvp.IssuerValidatorUsingConfiguration = (issuer, securityToken, parameters, configuration) =>
                EntraIdForms.ValidateIssuer(issuer, securityToken, parameters, configuration, token);
        }
    }
}
