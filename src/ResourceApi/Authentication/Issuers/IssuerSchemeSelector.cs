using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.Authentication.Presets;
using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Authentication.Issuers;

/// <summary>
/// Picks the scheme whose issuer minted a request's token by its <c>iss</c>, from configuration alone:
/// no metadata is fetched to decide, so a token from an issuer nobody configured costs no outbound request.
/// </summary>
internal sealed partial class IssuerSchemeSelector(TrustedIssuerSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearer, IOptionsMonitor<AccessTokenOptions> accessTokens, IServiceProvider services)
{
    /// <summary>The scheme for the request: the first trusted one when there is no token or it is malformed (it answers that), <see cref="UntrustedIssuerHandler.SchemeName"/> when no issuer matches.</summary>
    public string Select(HttpContext context)
    {
        string? token;
        try
        {
            token = BearerTokenReader.Read(context.Request);
        }
        catch (Exception e) when (e is InvalidBearerRequestException or AccessTokenRejectedException)
        {
            return schemes.Names[0];
        }
        if (token is null)
        {
            return schemes.Names[0];
        }

        var (issuer, tenant) = UnverifiedClaims.Read(token);
        if (issuer is null)
        {
            return UntrustedIssuerHandler.SchemeName;
        }
        foreach (var name in schemes.Names)
        {
            if (Matches(name, issuer, tenant))
            {
                return name;
            }
        }
        return UntrustedIssuerHandler.SchemeName;
    }

    private bool Matches(string scheme, string issuer, string? tenant)
    {
        var options = bearer.Get(scheme);
        var tvp = options.TokenValidationParameters;
        var configured = (tvp.ValidIssuers ?? []).Append(tvp.ValidIssuer).Append(options.Authority).OfType<string>().Where(i => i.Length > 0).ToList();
        if (configured.Count == 0 && options.ConfigurationManager is not null && services.GetService<IssuerUrl>() is { } development)
        {
            configured.Add(development.Value.AbsoluteUri); // the built-in development issuer
        }

        var entra = accessTokens.Get(scheme).Preset == IssuerPreset.EntraId;
        foreach (var candidate in configured)
        {
            if (SameIssuer(candidate, issuer))
            {
                return true;
            }
            if (entra && tenant is not null && EntraAuthority().Match(candidate.TrimEnd('/')) is { Success: true } m)
            {
                // A multi-tenant authority (organizations, common) stands for any tenant; the scheme checks the allow-list.
                var segment = m.Groups["tenant"].Value;
                var ownTenant = segment is "organizations" or "common" or EntraIdForms.TenantTemplate ? tenant : segment;
                if (string.Equals(ownTenant, tenant, StringComparison.OrdinalIgnoreCase)
                    && (SameIssuer($"{m.Groups["base"].Value}/{tenant}/v2.0", issuer) || SameIssuer($"https://sts.windows.net/{tenant}/", issuer)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    // Auth0 writes its domain with a trailing slash in iss and teams often configure it without one.
    private static bool SameIssuer(string configured, string issuer) =>
        string.Equals(configured.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<base>https?://[^/]+)/(?<tenant>[^/]+)/v2\.0$")]
    private static partial Regex EntraAuthority();
}
