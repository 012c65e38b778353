using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>private_key_jwt (RFC 7523): the demo-keyed-writer client signs an assertion with the shipped demo key.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class PrivateKeyJwtTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_client_with_a_private_key_gets_a_token_without_any_shared_secret_and_the_API_accepts_it()
    {
        await using var service = CallingService.For(fixture.Host, new Dictionary<string, string?>
        {
            ["ClientId"] = "demo-keyed-writer",
            ["ClientSecret"] = null,
            ["ClientAuthentication"] = "private_key_jwt",
            // Copied next to the test assembly from src/ResourceApi.Client, as next to the app.
            ["PrivateKeyFile"] = "DemoKeys/demo-keyed-writer.pem",
        });
        var before = fixture.Host.Traffic().TokenRequests.Count;

        var caller = await service.Api.WhoAmIAsync();
        var posted = await service.Api.SendAsync("signed, not shared");

        caller.ClientId.Should().Be("demo-keyed-writer");
        caller.Scopes.Should().Contain("write:messages");
        posted.CreatedBy.Should().Be("demo-keyed-writer");
        fixture.Host.Traffic().TokenRequests.Skip(before).Should().ContainSingle()
            .Which.Should().Be(new TokenRequest(SentSecret: false, SentAssertion: true));
    }

    [Fact]
    public async Task An_issuer_given_the_wrong_key_refuses_with_invalid_client()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        await using var service = CallingService.For(fixture.Host, new Dictionary<string, string?>
        {
            ["ClientId"] = "demo-keyed-writer",
            ["ClientAuthentication"] = "private_key_jwt",
            ["PrivateKey"] = other.ExportPkcs8PrivateKeyPem(),
        });

        var call = () => service.Api.WhoAmIAsync();

        (await call.Should().ThrowAsync<ResourceApi.Client.Tokens.TokenRequestException>())
            .Which.Error.Should().Be("invalid_client");
    }
}
