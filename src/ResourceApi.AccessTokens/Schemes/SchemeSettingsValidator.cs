using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Stops the app at start when a bearer scheme's settings cannot work, with a message that names the
/// key to set. Without this, a missing authority only shows up as 401s on the first request.
/// </summary>
internal sealed class SchemeSettingsValidator(IOptionsMonitor<AccessTokenOptions> accessTokenOptions) : IValidateOptions<JwtBearerOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtBearerOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var section = TrustedSchemes.SectionOf(name);
        var env = section.Replace(":", "__", StringComparison.Ordinal);
        var errors = new List<string>();

        var token = accessTokenOptions.Get(name);
        var configured = string.IsNullOrWhiteSpace(options.MetadataAddress) ? options.Authority : options.MetadataAddress;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (token.AuthorityProvider is null)
            {
                errors.Add($"No token issuer is configured. Set {section}:Authority (environment: {env}__Authority) to your issuer's URL, e.g. https://YOUR_TENANT.auth0.com/ or https://login.microsoftonline.com/TENANT_ID/v2.0, or remove the section if this issuer is not trusted.");
            }
        }
        else if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{section}:Authority / MetadataAddress must be an absolute http(s) URL; got '{configured}'.");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            errors.Add($"{section}:Authority / MetadataAddress must use https: signing keys fetched over plain http could be replaced in transit. Only a loopback issuer may use http.");
        }
        else if (!options.RequireHttpsMetadata && !uri.IsLoopback)
        {
            errors.Add($"{section}:RequireHttpsMetadata=false is only allowed for a loopback issuer (localhost, 127.0.0.1); remove it.");
        }

        if (options.TokenValidationParameters.ValidAudiences?.Any() != true)
        {
            errors.Add($"No audience is configured. Set {section}:ValidAudiences:0 (environment: {env}__ValidAudiences__0) to this API's identifier at the issuer (Auth0: the API's Identifier; Entra ID: the Application ID URI or client id).");
        }

        if (token.ClockSkew < TimeSpan.Zero || token.ClockSkew > AccessTokenOptions.MaxClockSkew)
        {
            errors.Add($"{section}:ClockSkew must be between 00:00:00 and {AccessTokenOptions.MaxClockSkew:c}; got {token.ClockSkew:c}.");
        }
        if (token.MaxTokenLifetime < AccessTokenOptions.LowestMaxTokenLifetime || token.MaxTokenLifetime > AccessTokenOptions.HighestMaxTokenLifetime)
        {
            errors.Add($"{section}:MaxTokenLifetime must be between {AccessTokenOptions.LowestMaxTokenLifetime:c} and {AccessTokenOptions.HighestMaxTokenLifetime:c} "
                + $"(tokens whose exp is further ahead are refused; default {AccessTokenOptions.DefaultMaxTokenLifetime:c}); got {token.MaxTokenLifetime:c}.");
        }
        errors.AddRange(KeySetBounds.Check(section, token));
        if (token.ValidTypes.Count == 0)
        {
            errors.Add($"{section}:ValidTypes is empty; list typ values such as at+jwt or JWT, or remove the key for the default ({string.Join(' ', AccessTokenOptions.DefaultValidTypes)}).");
        }
        if (token.ScopeClaimTypes.Count == 0)
        {
            errors.Add($"{section}:ScopeClaimTypes is empty; list claims such as scope or permissions, or remove the key for the default ({string.Join(' ', AccessTokenOptions.DefaultScopeClaimTypes)}).");
        }
        if (token.ClientIdClaimTypes.Count == 0)
        {
            errors.Add($"{section}:ClientIdClaimTypes is empty, so no token could name its client and every one would be refused; list claims such as client_id or azp, or remove the key for the default ({string.Join(' ', AccessTokenOptions.DefaultClientIdClaimTypes)}).");
        }

        if (token.TokenCache.MaxEntries < 1 || token.TokenCache.MaxEntries > TokenCacheOptions.MaxMaxEntries)
        {
            var cache = $"{section}:{TokenCacheOptions.SectionName}";
            errors.Add($"{cache}:MaxEntries must be between 1 and {TokenCacheOptions.MaxMaxEntries}; got {token.TokenCache.MaxEntries}. "
                + $"To switch the cache off, set {cache}:Enabled to false.");
        }

        errors.AddRange(DpopSettings.Check($"{section}:{DpopOptions.SectionName}", token.Dpop));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
