using System.Net.Http.Json;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

[Collection(DevelopmentIssuerCollection.Name)]
public sealed class TokenShapeTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task Access_token_is_an_RFC_9068_JWT_signed_with_a_published_RS256_key()
    {
        var token = JwtParts.Read(await issuer.TokenAsync("demo-writer"));
        using var client = issuer.Client();
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var jwks = await client.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());

        token.HeaderString("typ").Should().Be("at+jwt");
        token.HeaderString("alg").Should().Be("RS256");
        token.Header.TryGetProperty("enc", out _).Should().BeFalse("access tokens are signed, not encrypted");
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Contain(token.HeaderString("kid"));

        token.Claim("iss").Should().Be(discovery.GetProperty("issuer").GetString()).And.Be(issuer.Host.BaseUrl + "/");
        token.Claim("aud").Should().Be(DevelopmentIssuerFixture.Audience);
        token.Claim("client_id").Should().Be("demo-writer");
        token.Claim("sub").Should().Be("demo-writer");
        token.Claim("jti").Should().NotBeNullOrEmpty();
        token.Claim("scope").Should().Be("read:messages write:messages", "RFC 9068 scope is one space-delimited string");
        var iat = token.Payload.GetProperty("iat").GetInt64();
        var exp = token.Payload.GetProperty("exp").GetInt64();
        iat.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        (exp - iat).Should().Be(3600);
    }

    [Fact]
    public async Task Every_token_has_its_own_jti()
    {
        var first = JwtParts.Read(await issuer.TokenAsync("demo-reader")).Claim("jti");
        var second = JwtParts.Read(await issuer.TokenAsync("demo-reader")).Claim("jti");

        first.Should().NotBe(second);
    }
}
