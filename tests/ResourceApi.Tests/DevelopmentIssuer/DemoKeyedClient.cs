using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// The repository's <c>demo-keyed-writer</c>, signing its own RFC 7523 client assertions byte by byte so a
/// test can leave out or stretch any claim. Its key is the calling service's shipped demo key.
/// </summary>
public static class DemoKeyedClient
{
    public const string ClientId = "demo-keyed-writer";

    private static readonly Lazy<RSA> Key = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(Repository.Root, "src", "ResourceApi.Client", "DemoKeys", "demo-keyed-writer.pem")));
        return rsa;
    });

    /// <summary>
    /// An assertion as OpenIddict 7 wants it (typ client-authentication+jwt, aud the issuer), with a fresh
    /// jti, iat now and <paramref name="lifetime"/> (2 minutes by default) unless told otherwise.
    /// </summary>
    public static string Assertion(string issuer, TimeSpan? lifetime = null, string? jti = "", bool withIssuedAt = true)
    {
        var now = DateTimeOffset.UtcNow;
        var key = new RsaSecurityKey(Key.Value.ExportParameters(false));
        var header = new Dictionary<string, object?>
        {
            ["alg"] = "RS256",
            ["typ"] = "client-authentication+jwt",
            ["kid"] = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()),
        };
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = issuer,
            ["jti"] = jti == "" ? Guid.NewGuid().ToString("N") : jti,
            ["iat"] = withIssuedAt ? now.ToUnixTimeSeconds() : null,
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(2))).ToUnixTimeSeconds(),
        };
        return JwtWriter.Write(header, payload, JwtWriter.Rsa(Key.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The issuer URL the host's discovery document names: what an assertion's aud must be.</summary>
    public static async Task<string> IssuerAsync(ApiHost host)
    {
        using var client = DevelopmentIssuerFixture.Client(host);
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        return discovery.GetProperty("issuer").GetString()!;
    }

    /// <summary>POST /oauth/token with <paramref name="assertion"/> as <c>private_key_jwt</c>, and any extra headers.</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(ApiHost host, string assertion, Action<HttpRequestMessage>? alter = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
            }),
        };
        alter?.Invoke(request);
        using var client = DevelopmentIssuerFixture.Client(host);
        return await client.SendAsync(request);
    }
}
