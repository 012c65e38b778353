using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Which published key may verify a token: the one whose <c>kid</c> equals the token's <c>kid</c>
/// (ordinal, exact), and no other. A token without <c>kid</c> is verified only when the key set holds
/// exactly one key that can do its <c>alg</c>; otherwise it is refused. Either way a token costs at
/// most one signature check, and a token naming one key is never accepted on another's signature.
/// (Used with <c>TryAllIssuerSigningKeys = false</c>, so an empty answer means "no key".)
/// </summary>
internal static class SigningKeyMatch
{
    public static IEnumerable<SecurityKey> Resolve(string token, SecurityToken securityToken, string kid, TokenValidationParameters parameters)
    {
        var keys = parameters.IssuerSigningKeys;
        if (keys is null)
        {
            return [];
        }

        if (!string.IsNullOrEmpty(kid))
        {
            foreach (var key in keys)
            {
                if (string.Equals(key.KeyId, kid, StringComparison.Ordinal))
                {
                    return [key];
                }
            }
            return [];
        }

        var alg = (securityToken as JsonWebToken)?.Alg;
        if (string.IsNullOrEmpty(alg))
        {
            return [];
        }
        SecurityKey? only = null;
        foreach (var key in keys)
        {
            if (key.CryptoProviderFactory.IsSupportedAlgorithm(alg, key))
            {
                if (only is not null)
                {
                    return [];
                }
                only = key;
            }
        }
        return only is null ? [] : [only];
    }

    /// <summary>Whether <paramref name="keys"/> hold a key named <paramref name="kid"/> exactly.</summary>
    public static bool Contains(IEnumerable<SecurityKey>? keys, string kid) =>
        keys?.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)) == true;
}
