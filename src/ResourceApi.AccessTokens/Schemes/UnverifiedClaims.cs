using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The <c>iss</c> (and Entra's <c>tid</c>) of a token that has not been checked yet, read only to choose
/// which issuer's keys will check it. Nothing read here is trusted: the chosen scheme validates everything.
/// </summary>
internal static class UnverifiedClaims
{
    public static (string? Issuer, string? Tenant) Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, null);
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            return (String(root, "iss"), String(root, "tid"));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return (null, null);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
