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
        var request = fixture.Host.Traffic().TokenRequests.Skip(before).Should().ContainSingle().Subject;
        request.SentSecret.Should().BeFalse();
        request.SentAssertion.Should().BeTrue();
    }

    [Fact]
    public async Task Every_attempt_of_a_token_request_signs_a_fresh_assertion_retries_included()
    {
        await using var service = CallingService.For(fixture.Host, KeyedWriter);
        var before = fixture.Host.Traffic().TokenRequestCount;
        fixture.Host.Traffic().FailNext("/oauth/token", 2);

        var caller = await service.Api.WhoAmIAsync();

        caller.ClientId.Should().Be("demo-keyed-writer");
        var attempts = fixture.Host.Traffic().TokenRequests.Skip(before).ToList();
        attempts.Should().HaveCount(3, "two 503s, then the token");
        attempts.Should().AllSatisfy(a => a.AssertionId.Should().NotBeNullOrEmpty());
        attempts.Select(a => a.AssertionId).Should().OnlyHaveUniqueItems("an issuer may accept each assertion jti once, so a retry must not resend one");
    }

    private static readonly Dictionary<string, string?> KeyedWriter = new()
    {
        ["ClientId"] = "demo-keyed-writer",
        ["ClientSecret"] = null,
        ["ClientAuthentication"] = "private_key_jwt",
        ["PrivateKeyFile"] = "DemoKeys/demo-keyed-writer.pem",
    };

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
