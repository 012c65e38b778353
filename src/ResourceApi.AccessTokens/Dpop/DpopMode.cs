namespace ResourceApi.AccessTokens;

/// <summary>Whether a scheme takes DPoP-bound tokens (RFC 9449), set by <c>Authentication:Schemes:{name}:Dpop:Mode</c>.</summary>
public enum DpopMode
{
    /// <summary>No DPoP: only <c>Authorization: Bearer</c>, and a token's <c>cnf</c> claim is not looked at.</summary>
    Disabled,

    /// <summary>Bound tokens with the <c>DPoP</c> scheme and a valid proof; unbound tokens keep working as <c>Bearer</c>.</summary>
    Allowed,

    /// <summary>Every token must be DPoP-bound and sent with the <c>DPoP</c> scheme and a valid proof.</summary>
    Required,
}
