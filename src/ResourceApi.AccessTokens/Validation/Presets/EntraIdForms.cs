using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The issuer and audience forms Entra ID writes for one API: v1 (<c>https://sts.windows.net/{tid}/</c>)
/// and v2 (<c>https://login.microsoftonline.com/{tid}/v2.0</c>) issuers, the <c>{tenantid}</c> template
/// a multi-tenant discovery document states, and <c>api://{app id}</c> beside the bare app id.
/// </summary>
internal static partial class EntraIdForms
{
    public const string TenantTemplate = "{tenantid}";

    /// <summary>Every configured audience in both forms: <c>api://{guid}</c> and <c>{guid}</c>.</summary>
    public static IEnumerable<string> Audiences(IEnumerable<string> configured)
    {
        foreach (var audience in configured)
        {
            yield return audience;
            if (audience.StartsWith("api://", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(audience["api://".Length..], out _))
            {
                yield return audience["api://".Length..];
            }
            else if (Guid.TryParse(audience, out _))
            {
                yield return "api://" + audience;
            }
        }
    }

    /// <summary>
    /// Accepts <paramref name="issuer"/> when it is a known issuer, or the v1 or v2 form of one, with
    /// <c>{tenantid}</c> standing for the token's own <c>tid</c>, which must then be an allowed tenant.
    /// </summary>
    public static string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration, AccessTokenOptions options)
    {
        var tenant = (token as JsonWebToken)?.TryGetPayloadValue<string>("tid", out var tid) == true ? tid : null;
        var known = (parameters.ValidIssuers ?? []).Append(parameters.ValidIssuer).Append(configuration?.Issuer).OfType<string>().Where(i => i.Length > 0);

        foreach (var candidate in known.SelectMany(Forms))
        {
            if (string.Equals(candidate, issuer, StringComparison.Ordinal))
            {
                return issuer;
            }
            if (candidate.Contains(TenantTemplate, StringComparison.Ordinal) && tenant is not null
                && string.Equals(candidate.Replace(TenantTemplate, tenant, StringComparison.Ordinal), issuer, StringComparison.Ordinal))
            {
                if (options.AllowAnyTenant || options.AllowedTenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
                {
                    return issuer;
                }
                throw new AccessTokenRejectedException("The token's tenant (tid) is not one this API accepts; add it to AllowedTenants.");
            }
        }

        throw new SecurityTokenInvalidIssuerException("The token's issuer is not one this API trusts.") { InvalidIssuer = issuer };
    }

    // A v2 issuer ({base}/{tenant}/v2.0) also appears as v1 (https://sts.windows.net/{tenant}/) when the API's
    // accessTokenAcceptedVersion is 1 or unset, which is Entra's default for an app registration.
    private static IEnumerable<string> Forms(string issuer)
    {
        yield return issuer;
        if (V2Issuer().Match(issuer) is { Success: true } v2)
        {
            yield return $"https://sts.windows.net/{v2.Groups["tenant"].Value}/";
        }
    }

    [GeneratedRegex(@"^https?://[^/]+/(?<tenant>[^/]+)/v2\.0/?$")]
    private static partial Regex V2Issuer();
}
