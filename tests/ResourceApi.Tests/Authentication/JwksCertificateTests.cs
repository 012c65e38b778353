using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authentication;

/// <summary>
/// A JWKS entry may carry both its raw public key (<c>n</c>/<c>e</c>, or <c>crv</c>/<c>x</c>/<c>y</c>) and an
/// <c>x5c</c> certificate for that same key (RFC 7517 §4.7). A token's signature is checked with the raw key,
/// so the certificate's dates, expired ones included, never decide whether the key can verify tokens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class JwksCertificateTests(ApiFixture api)
{
    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public async Task A_token_signed_by_a_key_published_with_an_expired_certificate_is_accepted(string family)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        var raw = family == "rsa" ? SigningKey.CreateRsa("with-expired-x5c") : SigningKey.CreateEc("with-expired-x5c");
        var key = issuer.Publish(raw.WithCertificate(DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1)));
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl });

        using var response = await ApiFixture.ClientFor(factory, issuer.Token(key).Build()).GetAsync("/api/messages");

        var answer = await BearerResponse.ReadAsync(response);
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Description);
    }

    [Fact]
    public async Task A_token_without_kid_is_verified_by_the_one_key_an_entry_with_x5c_yields()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        issuer.Withdraw(issuer.Key);
        var key = issuer.Publish(SigningKey.CreateRsa("only-key").WithCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl });

        using var response = await ApiFixture.ClientFor(factory, issuer.Token(key).Header("kid", null).Build()).GetAsync("/api/messages");

        var answer = await BearerResponse.ReadAsync(response);
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Description);
    }
}
