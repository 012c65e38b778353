using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Picks the scheme whose issuer minted a request's token by its <c>iss</c>, from configuration alone:
/// no metadata is fetched to decide, so a token from an issuer nobody configured costs no outbound request.
/// Exact issuers are matched first, across every scheme; only then Entra ID's multi-tenant patterns
/// (<c>organizations</c>, <c>common</c>), so a multi-tenant scheme never captures the tokens of a
/// single-tenant scheme configured beside it.
/// </summary>
internal sealed partial class IssuerSchemeSelector(TrustedSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearer, IOptionsMonitor<AccessTokenOptions> accessTokens)
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
            if (ConfiguredIssuers(name).Any(candidate => SameIssuer(candidate, issuer)))
            {
                return name;
            }
        }
        if (tenant is not null)
        {
            foreach (var name in schemes.Names)
            {
                if (accessTokens.Get(name).Preset == IssuerPreset.EntraId && ConfiguredIssuers(name).Any(candidate => EntraTenantMatches(candidate, issuer, tenant)))
                {
                    return name;
                }
            }
        }
        return UntrustedIssuerHandler.SchemeName;
    }

    private IEnumerable<string> ConfiguredIssuers(string scheme)
    {
        var options = bearer.Get(scheme);
        var tvp = options.TokenValidationParameters;
        // A provided authority not known yet (the app has not started listening) matches no token.
        return (tvp.ValidIssuers ?? []).Append(tvp.ValidIssuer).Append(options.Authority).Append(accessTokens.Get(scheme).ProvidedAuthority())
            .OfType<string>().Where(i => i.Length > 0);
    }

    // A multi-tenant authority (organizations, common) stands for any tenant; the scheme checks the allow-list.
    private static bool EntraTenantMatches(string candidate, string issuer, string tenant)
    {
        if (EntraAuthority().Match(candidate.TrimEnd('/')) is not { Success: true } m)
        {
            return false;
        }
        var segment = m.Groups["tenant"].Value;
        var ownTenant = segment is "organizations" or "common" or EntraIdForms.TenantTemplate ? tenant : segment;
        return string.Equals(ownTenant, tenant, StringComparison.OrdinalIgnoreCase)
            && (SameIssuer($"{m.Groups["base"].Value}/{tenant}/v2.0", issuer) || SameIssuer($"https://sts.windows.net/{tenant}/", issuer));
    }

    // Auth0 writes its domain with a trailing slash in iss and teams often configure it without one.
    private static bool SameIssuer(string configured, string issuer) =>
        string.Equals(configured.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<base>https?://[^/]+)/(?<tenant>[^/]+)/v2\.0$")]
    private static partial Regex EntraAuthority();
}
