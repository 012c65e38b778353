using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>A compact JWS's header and payload as plain JSON, to assert what the issuer really wrote.</summary>
public sealed record JwtParts(JsonElement Header, JsonElement Payload)
{
    public static JwtParts Read(string token)
    {
        var parts = token.Split('.');
        parts.Should().HaveCount(3, "a signed JWT has header, payload and signature");
        return new JwtParts(Decode(parts[0]), Decode(parts[1]));
    }

    public string? HeaderString(string name) => Header.TryGetProperty(name, out var v) ? v.GetString() : null;

    public string? Claim(string name) => Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement Decode(string part) => JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(part)).RootElement.Clone();
}
