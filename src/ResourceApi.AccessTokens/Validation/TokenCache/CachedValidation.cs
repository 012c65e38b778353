using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The outcome of one successful validation, kept so the same token need not be checked again: the
/// caller's claims, the token's lifetime, and which issuer key signed it.
/// </summary>
internal sealed class CachedValidation
{
    // Object, list and string headers: a deliberate over-estimate, so the stated bound holds.
    private const int EntryOverhead = 256;
    private const int ClaimOverhead = 160;

    private readonly ClaimsIdentity _identity;
    private readonly CachedSecurityToken _token;
    private readonly string? _tokenType;
    private long _lastUsed;

    private CachedValidation(ClaimsIdentity identity, CachedSecurityToken token, string? tokenType, string signingKeyId, DateTime? notBefore, DateTime expires, int size, long now)
    {
        _identity = identity;
        _token = token;
        _tokenType = tokenType;
        SigningKeyId = signingKeyId;
        NotBefore = notBefore;
        Expires = expires;
        EstimatedBytes = size;
        _lastUsed = now;
    }

    /// <summary>The signing key's kid (or JWK thumbprint): the entry is only good while the issuer publishes it.</summary>
    public string SigningKeyId { get; }

    public DateTime? NotBefore { get; }

    public DateTime Expires { get; }

    public int EstimatedBytes { get; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    /// <summary>Null when the result cannot be cached safely: no expiry, no identifiable signing key, or too large.</summary>
    public static CachedValidation? From(TokenValidationResult result, long now)
    {
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || result.ClaimsIdentity is not { } identity
            || jwt.SigningKey is not { } key || KeyIdentity(key) is not { } keyId || jwt.ValidTo == DateTime.MinValue)
        {
            return null;
        }

        var size = EntryOverhead + (keyId.Length * 2);
        foreach (var claim in identity.Claims)
        {
            size += ClaimOverhead + ((claim.Type.Length + claim.Value.Length + claim.ValueType.Length + claim.Issuer.Length) * 2);
        }
        if (size > TokenCacheOptions.MaxEntryBytes)
        {
            return null;
        }

        // A copy of the claims alone: the framework's identity also points at the token it came from.
        var copy = new CaseSensitiveClaimsIdentity(identity.Claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        var token = new CachedSecurityToken(jwt.Id, jwt.Issuer, key, jwt.ValidFrom, jwt.ValidTo);
        var notBefore = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out _) ? jwt.ValidFrom : (DateTime?)null;
        return new CachedValidation(copy, token, result.TokenType, keyId, notBefore, jwt.ValidTo, size, now);
    }

    /// <summary>A result like the one full validation gave, with its own copy of the claims for this request.</summary>
    public TokenValidationResult ToResult() => new()
    {
        IsValid = true,
        ClaimsIdentity = new CaseSensitiveClaimsIdentity(_identity.Claims, _identity.AuthenticationType, _identity.NameClaimType, _identity.RoleClaimType),
        SecurityToken = _token,
        Issuer = _token.Issuer,
        TokenType = _tokenType,
    };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SecurityKey, string> Identities = [];

    /// <summary>
    /// The key's RFC 7638 thumbprint with its kid, so an issuer that reuses a kid for new key material does
    /// not keep old entries alive; a key that cannot be thumbprinted is known by its kid alone.
    /// Computed once per key object (a JWKS refresh makes new ones).
    /// </summary>
    public static string? KeyIdentity(SecurityKey key) => Identities.GetValue(key, Compute) is { Length: > 0 } id ? id : null;

    private static string Compute(SecurityKey key) =>
        key.CanComputeJwkThumbprint() ? key.KeyId + "#" + Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()) : key.KeyId ?? "";
}
