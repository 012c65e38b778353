using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.TokenCache;

/// <summary>
/// Reads <see cref="TokenCacheOptions"/> from the scheme's own section, beside the rest of its bearer settings
/// (<c>Authentication__Schemes__Bearer__TokenCache__Enabled=false</c>). A value that is not a boolean or a
/// number stops the app at start with the key's name.
/// </summary>
internal sealed class TokenCacheOptionsSetup(IAuthenticationConfigurationProvider configuration) : IConfigureNamedOptions<TokenCacheOptions>
{
    public void Configure(string? name, TokenCacheOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configuration.GetSchemeConfiguration(name).GetSection(TokenCacheOptions.SectionName);
        var path = $"Authentication:Schemes:{name}:{TokenCacheOptions.SectionName}";
        if (section[nameof(TokenCacheOptions.Enabled)] is { Length: > 0 } enabled)
        {
            options.Enabled = bool.TryParse(enabled, out var parsed)
                ? parsed
                : throw Invalid(name, $"{path}:Enabled must be true or false; got '{enabled}'.");
        }
        if (section[nameof(TokenCacheOptions.MaxEntries)] is { Length: > 0 } max)
        {
            options.MaxEntries = int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Invalid(name, $"{path}:MaxEntries must be a whole number; got '{max}'.");
        }
    }

    public void Configure(TokenCacheOptions options) => Configure(Options.DefaultName, options);

    private static OptionsValidationException Invalid(string name, string message) =>
        new(name, typeof(TokenCacheOptions), [message]);
}
