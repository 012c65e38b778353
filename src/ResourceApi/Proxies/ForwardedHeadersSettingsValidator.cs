using System.Net;
using Microsoft.Extensions.Options;

namespace ResourceApi.Proxies;

/// <summary>Stops the app at start when a proxy address or network cannot be read, naming the entry to fix.</summary>
internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    private const string Section = ForwardedHeadersSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"{Section}:KnownProxies:{i} must be an IP address such as 10.0.0.5; got '{options.KnownProxies[i]}'.");
            }
        }
        for (var i = 0; i < options.KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"{Section}:KnownNetworks:{i} must be a network in CIDR form such as 10.0.0.0/8; got '{options.KnownNetworks[i]}'.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
