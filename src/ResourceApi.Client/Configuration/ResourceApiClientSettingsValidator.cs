using Microsoft.Extensions.Options;
using ResourceApi.Client.Dpop;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Configuration;

/// <summary>Stops the service at start when a setting cannot work, naming the key to fix.</summary>
internal sealed class ResourceApiClientSettingsValidator : IValidateOptions<ResourceApiClientSettings>
{
    private const string Section = ResourceApiClientSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ResourceApiClientSettings settings)
    {
        var errors = new List<string>();

        CheckUrl(errors, "Authority", settings.Authority, "https://YOUR_TENANT.auth0.com/");
        CheckUrl(errors, "ApiBaseUrl", settings.ApiBaseUrl, "https://api.example.com");

        if (string.IsNullOrWhiteSpace(settings.ClientId))
        {
            errors.Add($"{Section}:ClientId is empty; set the client id the issuer gave this service.");
        }

        switch (settings.ClientAuthentication)
        {
            case ResourceApiClientSettings.ClientSecretBasic or ResourceApiClientSettings.ClientSecretPost:
                if (string.IsNullOrEmpty(settings.ClientSecret))
                {
                    errors.Add($"{Section}:ClientSecret is empty. Keep it out of files: `dotnet user-secrets set {Section}:ClientSecret ...` in Development, or the environment variable {Section}__ClientSecret.");
                }
                break;
            case ResourceApiClientSettings.PrivateKeyJwt:
                if (string.IsNullOrWhiteSpace(settings.PrivateKey) && string.IsNullOrWhiteSpace(settings.PrivateKeyFile))
                {
                    errors.Add($"{Section}:PrivateKey (PEM) and {Section}:PrivateKeyFile are both empty; private_key_jwt needs the client's private key.");
                }
                else
                {
                    using var key = ClientAssertionKey.TryLoad(settings, out var problem);
                    if (key is null)
                    {
                        errors.Add(problem!);
                    }
                }
                break;
            default:
                errors.Add($"{Section}:ClientAuthentication must be {ResourceApiClientSettings.ClientSecretBasic}, {ResourceApiClientSettings.ClientSecretPost} or {ResourceApiClientSettings.PrivateKeyJwt}; got '{settings.ClientAuthentication}'.");
                break;
        }

        if (settings.ClientAssertionAudience is not ("issuer" or "token_endpoint"))
        {
            errors.Add($"{Section}:ClientAssertionAudience must be issuer or token_endpoint; got '{settings.ClientAssertionAudience}'.");
        }
        if (settings.AudienceParameter is not (ResourceApiClientSettings.AudienceParameterName or ResourceApiClientSettings.ResourceParameterName))
        {
            errors.Add($"{Section}:AudienceParameter must be audience (Auth0) or resource (RFC 8707); got '{settings.AudienceParameter}'.");
        }

        if (settings.RenewBefore < TimeSpan.Zero)
        {
            errors.Add($"{Section}:RenewBefore must not be negative, e.g. 00:01:00; got {settings.RenewBefore:c}.");
        }
        foreach (var (key, value) in new[] { ("IssuerTimeout", settings.IssuerTimeout), ("ApiTimeout", settings.ApiTimeout), ("RetryDelay", settings.RetryDelay) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{Section}:{key} must be positive; got {value:c}.");
            }
        }
        if (settings.RefusedTokenCooldown < TimeSpan.Zero)
        {
            errors.Add($"{Section}:RefusedTokenCooldown must not be negative, e.g. 00:00:30; got {settings.RefusedTokenCooldown:c}.");
        }
        if (settings.Dpop.Enabled && !(string.IsNullOrWhiteSpace(settings.Dpop.PrivateKey) && string.IsNullOrWhiteSpace(settings.Dpop.PrivateKeyFile)))
        {
            using var key = DpopKey.TryLoad(settings.Dpop, TimeProvider.System, out var problem);
            if (key is null)
            {
                errors.Add(problem!);
            }
        }
        if (settings.MaxRetries is < 1 or > 10)
        {
            errors.Add($"{Section}:MaxRetries must be between 1 and 10; got {settings.MaxRetries}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, Uri? url, string example)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Section}:{key} must be an absolute https URL such as {example}; got '{url}'.");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            // Tokens and secrets cross this connection: plain HTTP only to this machine.
            errors.Add($"{Section}:{key} may use http only on a loopback host (localhost, 127.0.0.1); got '{url}'.");
        }
    }
}
