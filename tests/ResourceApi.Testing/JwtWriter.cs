using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Testing;

/// <summary>
/// Writes compact JWS tokens byte by byte, so tests can build the malformed and malicious ones a
/// token library refuses to make (alg none, HMAC keyed with a public key, string exp, crit...).
/// </summary>
public static class JwtWriter
{
    public static string Write(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = sign is null ? "" : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static Func<byte[], byte[]> Rsa(RSA key, HashAlgorithmName hash, RSASignaturePadding padding) =>
        data => key.SignData(data, hash, padding);

    // JWS wants the raw r||s form (RFC 7518 §3.4), which is .NET's default for ECDsa.SignData.
    public static Func<byte[], byte[]> Ecdsa(ECDsa key, HashAlgorithmName hash) =>
        data => key.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static Func<byte[], byte[]> Hmac(byte[] secret) =>
        data => HMACSHA256.HashData(secret, data);

    private static string Encode(IReadOnlyDictionary<string, object?> part) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(part.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value)));
}
