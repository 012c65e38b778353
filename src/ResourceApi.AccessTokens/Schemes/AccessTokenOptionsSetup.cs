using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Reads <see cref="AccessTokenOptions"/> from the scheme's own section, the one the framework binds
/// <c>JwtBearerOptions</c> from. A list may be written as an array or as one space- or comma-delimited
/// value (<c>Authentication__Schemes__Bearer__ValidTypes="at+jwt JWT"</c>); either way it replaces the default.
/// </summary>
internal sealed class AccessTokenOptionsSetup(IAuthenticationConfigurationProvider configuration) : IConfigureNamedOptions<AccessTokenOptions>
{
    private static readonly char[] Separators = [' ', ',', ';'];

    public void Configure(string? name, AccessTokenOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configuration.GetSchemeConfiguration(name);
        var path = TrustedSchemes.SectionOf(name);
        IssuerPresets.Configure(name, section, options);
        options.ValidTypes = ReadList(section.GetSection(nameof(AccessTokenOptions.ValidTypes))) ?? options.ValidTypes;
        options.ScopeClaimTypes = ReadList(section.GetSection(nameof(AccessTokenOptions.ScopeClaimTypes))) ?? options.ScopeClaimTypes;
        options.ClientIdClaimTypes = ReadList(section.GetSection(nameof(AccessTokenOptions.ClientIdClaimTypes))) ?? options.ClientIdClaimTypes;
        options.AllowedTenants = ReadList(section.GetSection(nameof(AccessTokenOptions.AllowedTenants))) ?? options.AllowedTenants;
        if (section[nameof(AccessTokenOptions.ClockSkew)] is { Length: > 0 } skew)
        {
            options.ClockSkew = TimeSpan.TryParse(skew, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions),
                    [$"{path}:ClockSkew must be a time span such as 00:00:30; got '{skew}'."]);
        }

        options.MaxTokenLifetime = ReadTimeSpan(section, name, path, nameof(AccessTokenOptions.MaxTokenLifetime), options.MaxTokenLifetime);
        options.AutomaticRefreshInterval = ReadTimeSpan(section, name, path, nameof(AccessTokenOptions.AutomaticRefreshInterval), options.AutomaticRefreshInterval);
        options.RefreshInterval = ReadTimeSpan(section, name, path, nameof(AccessTokenOptions.RefreshInterval), options.RefreshInterval);
        options.MaxKeySetAge = ReadTimeSpan(section, name, path, nameof(AccessTokenOptions.MaxKeySetAge), options.MaxKeySetAge);
        options.BackchannelTimeout = ReadTimeSpan(section, name, path, nameof(AccessTokenOptions.BackchannelTimeout), options.BackchannelTimeout);
        if (section[nameof(AccessTokenOptions.MaxMetadataBytes)] is { Length: > 0 } bytes)
        {
            options.MaxMetadataBytes = int.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedBytes)
                ? parsedBytes
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:MaxMetadataBytes must be a whole number of bytes; got '{bytes}'."]);
        }

        ReadTokenCache(section.GetSection(TokenCacheOptions.SectionName), name, $"{path}:{TokenCacheOptions.SectionName}", options.TokenCache);
        ReadDpop(section.GetSection(DpopOptions.SectionName), name, $"{path}:{DpopOptions.SectionName}", options.Dpop);
        // A proof's iat gets the same tolerance as the token's times: one clock setting per issuer.
        options.Dpop.ClockSkew = options.ClockSkew;
    }

    private static void ReadDpop(IConfigurationSection section, string name, string path, DpopOptions options)
    {
        if (section[nameof(DpopOptions.Mode)] is { Length: > 0 } mode)
        {
            options.Mode = Enum.TryParse<DpopMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(mode[0])
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:Mode must be Disabled, Allowed or Required; got '{mode}'."]);
        }
        if (section[nameof(DpopOptions.RequireNonce)] is { Length: > 0 } nonce)
        {
            options.RequireNonce = bool.TryParse(nonce, out var parsed)
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:RequireNonce must be true or false; got '{nonce}'."]);
        }
        options.ProofMaxAge = ReadTimeSpan(section, name, path, nameof(DpopOptions.ProofMaxAge), options.ProofMaxAge);
        options.NonceLifetime = ReadTimeSpan(section, name, path, nameof(DpopOptions.NonceLifetime), options.NonceLifetime);
        options.NonceKey = section[nameof(DpopOptions.NonceKey)] is { Length: > 0 } key ? key : options.NonceKey;
        options.Algorithms = ReadList(section.GetSection(nameof(DpopOptions.Algorithms))) ?? options.Algorithms;
    }

    private static void ReadTokenCache(IConfiguration section, string name, string path, TokenCacheOptions options)
    {
        if (section[nameof(TokenCacheOptions.Enabled)] is { Length: > 0 } enabled)
        {
            options.Enabled = bool.TryParse(enabled, out var parsed)
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:Enabled must be true or false; got '{enabled}'."]);
        }
        if (section[nameof(TokenCacheOptions.MaxEntries)] is { Length: > 0 } max)
        {
            options.MaxEntries = int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:MaxEntries must be a whole number; got '{max}'."]);
        }
    }

    public void Configure(AccessTokenOptions options) => Configure(Options.DefaultName, options);

    private static TimeSpan ReadTimeSpan(IConfiguration section, string name, string path, string key, TimeSpan current) =>
        section[key] is not { Length: > 0 } text ? current
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw new OptionsValidationException(name, typeof(AccessTokenOptions), [$"{path}:{key} must be a time span such as 00:05:00; got '{text}'."]);

    /// <summary>Null when the key is absent; otherwise every non-empty entry, in order.</summary>
    private static string[]? ReadList(IConfigurationSection section)
    {
        var children = section.GetChildren().ToArray();
        if (children.Length == 0 && section.Value is null)
        {
            return null;
        }

        var values = children.Length > 0 ? children.Select(c => c.Value ?? "") : [section.Value!];
        return [.. values.SelectMany(v => v.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
    }
}
