using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication;

/// <summary>
/// Stops the app at start when the bearer settings cannot work, with a message that names the key
/// to set. Without this, a missing authority only shows up as 401s on the first request.
/// </summary>
internal sealed class BearerTokenSettingsValidator(IHostEnvironment environment, IEnumerable<IDefaultAuthority> defaultAuthorities) : IValidateOptions<BearerTokenSettings>
{
    private const string Section = BearerTokenSettings.SectionName;
    private const string EnvPrefix = "Authentication__Schemes__Bearer__";

    public ValidateOptionsResult Validate(string? name, BearerTokenSettings settings)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(settings.DiscoveryAddress))
        {
            if (!defaultAuthorities.Any())
            {
                errors.Add($"No token issuer is configured. Set {Section}:Authority (environment: {EnvPrefix}Authority) to your issuer's URL, e.g. https://YOUR_TENANT.auth0.com/ or https://login.microsoftonline.com/TENANT_ID/v2.0."
                    + (environment.IsDevelopment() ? " In Development, leaving it empty uses the built-in development issuer." : ""));
            }
        }
        else if (!Uri.TryCreate(settings.DiscoveryAddress, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Section}:Authority / MetadataAddress must be an absolute http(s) URL; got '{settings.DiscoveryAddress}'.");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            errors.Add($"{Section}:Authority / MetadataAddress must use https: signing keys fetched over plain http could be replaced in transit. Only a loopback issuer may use http.");
        }
        else if (settings.RequireHttpsMetadata == false && !uri.IsLoopback)
        {
            errors.Add($"{Section}:RequireHttpsMetadata=false is only allowed for a loopback issuer (localhost, 127.0.0.1); remove it.");
        }

        if (settings.Audiences.Count == 0)
        {
            errors.Add($"No audience is configured. Set {Section}:ValidAudiences:0 (environment: {EnvPrefix}ValidAudiences__0) to this API's identifier at the issuer (Auth0: the API's Identifier; Entra ID: the Application ID URI or client id).");
        }

        var skew = settings.EffectiveClockSkew;
        if (skew < TimeSpan.Zero || skew > BearerTokenSettings.MaxClockSkew)
        {
            errors.Add($"{Section}:ClockSkew must be between 00:00:00 and {BearerTokenSettings.MaxClockSkew:c}; got {skew:c}.");
        }

        if (settings.ValidTypes?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add($"{Section}:ValidTypes has an empty entry; list typ values such as at+jwt or JWT.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
