using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ResourceApi.Conformance.Issuer;

/// <summary>Compact JWS serialization (RFC 7515 §7.1), written by hand so any header and payload can be signed.</summary>
internal static class Jws
{
    public static string SigningInput(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> payload) =>
        Encode(header) + "." + Encode(payload);

    public static string Write(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = SigningInput(header, payload);
        return signingInput + "." + (sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput))));
    }

    private static string Encode(IReadOnlyDictionary<string, object?> part) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value)));
}
