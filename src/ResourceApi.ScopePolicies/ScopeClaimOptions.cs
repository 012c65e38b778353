using System.Collections.Generic;

namespace ResourceApi.ScopePolicies;

/// <summary>Which claims of a validated token hold its granted scopes.</summary>
public sealed class ScopeClaimOptions
{
    /// <summary>
    /// Claim types read for granted scopes. <c>scope</c> (RFC 9068, Auth0, Keycloak, Duende, OpenIddict)
    /// and <c>scp</c> (Entra ID delegated, Okta) by default; add <c>roles</c> for Entra ID app
    /// permissions in client-credentials tokens and <c>permissions</c> for Auth0 RBAC.
    /// </summary>
    public IList<string> ClaimTypes { get; } = [];

    /// <summary>Read when <see cref="ClaimTypes"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultClaimTypes { get; } = ["scope", "scp"];

    /// <summary>The configured claim types, or <see cref="DefaultClaimTypes"/> when none are.</summary>
    public IReadOnlyList<string> EffectiveClaimTypes => ClaimTypes.Count > 0 ? [.. ClaimTypes] : DefaultClaimTypes;
}
