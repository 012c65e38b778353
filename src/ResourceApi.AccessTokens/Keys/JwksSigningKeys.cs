using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The keys a JWKS publishes for verifying signatures: one per entry. An entry with both its raw public key
/// (<c>n</c>/<c>e</c>) and an <c>x5c</c> certificate becomes its raw key alone. RFC 7517 §4.7 requires the
/// certificate to hold that same key, and a JWS is verified with the key, not the certificate; yet
/// <see cref="JsonWebKeySet.GetSigningKeys"/> makes two keys of such an entry, the certificate's first, so the
/// certificate's expiry (checked with the signing key) would refuse every token the key signs, and a token
/// without a kid would find two candidate keys instead of one. An entry with <c>x5c</c> alone stays a
/// certificate key, whose dates then apply. (EC entries are already read from <c>crv</c>/<c>x</c>/<c>y</c> only.)
/// </summary>
internal static class JwksSigningKeys
{
    public static IEnumerable<SecurityKey> Of(JsonWebKeySet keySet)
    {
        foreach (var entry in keySet.Keys)
        {
            // The library's own conversion and checks ("use", key sizes), one entry at a time, so each key is
            // known by the entry it came from; the published set is left as the issuer sent it.
            var one = new JsonWebKeySet { SkipUnresolvedJsonWebKeys = keySet.SkipUnresolvedJsonWebKeys };
            one.Keys.Add(entry);
            var keys = one.GetSigningKeys();
            var hasRawKey = keys.Any(k => k is RsaSecurityKey or ECDsaSecurityKey);
            foreach (var key in keys)
            {
                if (!(hasRawKey && key is X509SecurityKey))
                {
                    yield return key;
                }
            }
        }
    }
}
