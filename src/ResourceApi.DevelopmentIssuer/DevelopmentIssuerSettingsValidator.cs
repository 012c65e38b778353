using Microsoft.Extensions.Options;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>Stops the app at start when a demo client cannot work, naming the key to fix.</summary>
internal sealed class DevelopmentIssuerSettingsValidator(ProtectedApi api) : IValidateOptions<DevelopmentIssuerSettings>
{
    private const string Section = DevelopmentIssuerSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, DevelopmentIssuerSettings settings)
    {
        var errors = new List<string>();

        if (settings.Clients.Count == 0)
        {
            errors.Add($"{Section}:Clients is empty. Add at least one client, e.g. {Section}:Clients:demo-reader:Secret and {Section}:Clients:demo-reader:Scopes:0, in appsettings.Development.json.");
        }

        foreach (var (clientId, client) in settings.Clients)
        {
            var key = $"{Section}:Clients:{clientId}";
            if (string.IsNullOrWhiteSpace(client.Secret) && string.IsNullOrWhiteSpace(client.PublicKey))
            {
                errors.Add($"{key}:Secret and {key}:PublicKey are both empty; every development client authenticates with a secret or a key.");
            }
            if (!string.IsNullOrWhiteSpace(client.PublicKey) && ClientPublicKey.TryRead(client.PublicKey) is null)
            {
                errors.Add($"{key}:PublicKey is not an RSA or EC public key in PEM (-----BEGIN PUBLIC KEY-----).");
            }
            if (client.Scopes.Length == 0)
            {
                errors.Add($"{key}:Scopes is empty; list the scopes the client may get, e.g. read:messages.");
            }
        }

        if (settings.SigningAlgorithm is not (DevelopmentIssuerSettings.Rs256 or DevelopmentIssuerSettings.Es256))
        {
            errors.Add($"{Section}:SigningAlgorithm must be {DevelopmentIssuerSettings.Rs256} or {DevelopmentIssuerSettings.Es256}; got '{settings.SigningAlgorithm}'.");
        }

        if (!string.IsNullOrWhiteSpace(settings.Issuer))
        {
            if (!Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{Section}:Issuer must be an absolute http(s) URL such as http://localhost:5080/, or empty to use the address the app listens on; got '{settings.Issuer}'.");
            }
            else if (issuer.Scheme == Uri.UriSchemeHttp && !issuer.IsLoopback)
            {
                // The API refuses to fetch keys over plain HTTP from anywhere but this machine.
                errors.Add($"{Section}:Issuer may use http only on a loopback host (localhost, 127.0.0.1); got '{settings.Issuer}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(settings.DataFolder))
        {
            errors.Add($"{Section}:DataFolder is empty; it holds the signing keys and client database (default App_Data).");
        }

        if (settings.AccessTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:AccessTokenLifetime must be positive, e.g. 01:00:00; got {settings.AccessTokenLifetime:c}.");
        }

        if (api.DefaultAudience is null)
        {
            errors.Add("The development issuer needs this API's audience: set Authentication:Schemes:Bearer:ValidAudiences:0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// Client scopes the API does not declare. Checked apart from the rest, once the app's endpoints (where
    /// the API declares its scopes) are in place: see <see cref="ClientScopesCheck"/>.
    /// </summary>
    public static List<string> UndefinedScopes(DevelopmentIssuerSettings settings, ProtectedApi api)
    {
        var defined = api.Scopes;
        var errors = new List<string>();
        foreach (var (clientId, client) in settings.Clients)
        {
            foreach (var scope in client.Scopes.Where(s => !defined.Contains(s)))
            {
                errors.Add($"{Section}:Clients:{clientId}:Scopes has '{scope}', which this API does not define; use one of {string.Join(", ", defined)}.");
            }
        }
        return errors;
    }
}
