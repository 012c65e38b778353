using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// What the bearer handler reads from a validated token on a cache hit (its lifetime, issuer and signing
/// key), without the token's text: the cache never holds a token.
/// </summary>
internal sealed class CachedSecurityToken(string id, string issuer, SecurityKey signingKey, DateTime validFrom, DateTime validTo) : SecurityToken
{
    public override string Id => id;

    public override string Issuer => issuer;

    public override SecurityKey? SecurityKey => null;

    public override SecurityKey SigningKey { get; set; } = signingKey;

    public override DateTime ValidFrom => validFrom;

    public override DateTime ValidTo => validTo;

    public override string UnsafeToString() => $"cached token {id}";
}
