using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Stateless server nonces (RFC 9449 §8): the time of issue and an HMAC-SHA256 of it, base64url. Any process holding
/// the same key can check any other's nonce, nothing is stored, and a nonce is good for <see cref="DpopOptions.NonceLifetime"/>.
/// </summary>
internal sealed class DpopNonces(byte[] key, TimeSpan lifetime, TimeProvider time)
{
    private const int TimeBytes = 8;
    private const int MacBytes = 16;

    // One random key per process when none is configured: nonces are then good at this process only.
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);

    public static DpopNonces From(DpopOptions options, TimeProvider time) =>
        new(options.NonceKey is { Length: > 0 } key ? Convert.FromBase64String(key) : ProcessKey, options.NonceLifetime, time);

    public string Create()
    {
        Span<byte> nonce = stackalloc byte[TimeBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, time.GetUtcNow().ToUnixTimeSeconds());
        Mac(nonce[..TimeBytes], nonce[TimeBytes..]);
        return Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(nonce.ToArray());
    }

    /// <summary>How old <paramref name="nonce"/> is, or null when it was not issued with this key, is malformed, expired or from the future.</summary>
    public TimeSpan? AgeOf(string? nonce, TimeSpan clockSkew)
    {
        if (nonce is null || nonce.Length != 32)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(nonce);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length != TimeBytes + MacBytes)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes.AsSpan(0, TimeBytes), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(TimeBytes)))
        {
            return null;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(BinaryPrimitives.ReadInt64BigEndian(bytes), 0, 253402300799));
        return age > lifetime || age < -clockSkew ? null : age;
    }

    /// <summary>Whether a nonce of this age should be replaced on a success, so the caller never holds one about to expire.</summary>
    public bool IsDueForRenewal(TimeSpan age) => age > lifetime / 2;

    private void Mac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, data, full);
        full[..MacBytes].CopyTo(destination);
    }
}
