using System.Net;
using System.Text.Json;

namespace ResourceApi.Tests.DevelopmentIssuer;

[Collection(DevelopmentIssuerCollection.Name)]
public sealed class TokenEndpointTests(DevelopmentIssuerFixture issuer)
{
    public static TheoryData<string, bool> ClientsAndMethods => new()
    {
        { "demo-reader", true }, { "demo-reader", false },
        { "demo-writer", true }, { "demo-writer", false },
        { "demo-admin", true }, { "demo-admin", false },
    };

    [Theory]
    [MemberData(nameof(ClientsAndMethods))]
    public async Task Each_demo_client_gets_a_token_with_all_its_scopes_by_basic_and_post_authentication(string clientId, bool basic)
    {
        var (secret, scopes) = DevelopmentIssuerFixture.Clients[clientId];

        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, clientId, secret, basic);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt32().Should().BeInRange(3500, 3600);
        var token = JwtParts.Read(body.GetProperty("access_token").GetString()!);
        token.Claim("scope").Should().Be(scopes);
        token.Claim("client_id").Should().Be(clientId);
        token.Claim("aud").Should().Be(DevelopmentIssuerFixture.Audience, "with no audience the API's own is the default");
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task The_audience_can_be_named_the_Auth0_way_or_the_RFC_8707_way(string parameter)
    {
        var token = await issuer.TokenAsync("demo-writer", new Dictionary<string, string> { [parameter] = DevelopmentIssuerFixture.Audience });

        JwtParts.Read(token).Claim("aud").Should().Be(DevelopmentIssuerFixture.Audience);
    }

    [Fact]
    public async Task A_subset_of_the_client_scopes_can_be_requested()
    {
        var token = await issuer.TokenAsync("demo-admin", new Dictionary<string, string> { ["scope"] = "read:messages" });

        JwtParts.Read(token).Claim("scope").Should().Be("read:messages");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wrong_secret_gets_401_invalid_client(bool basic)
    {
        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, "demo-writer", "not-the-secret", basic);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Error(response)).Should().Be("invalid_client");
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task Unknown_audience_or_resource_gets_invalid_target(string parameter)
    {
        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, "demo-writer", "demo-writer-secret",
            extra: new Dictionary<string, string> { [parameter] = "https://some-other-api.example" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Error(response)).Should().Be("invalid_target");
    }

    [Theory]
    [InlineData("write:messages")]
    [InlineData("write:messages delete:messages")]
    [InlineData("no-such-scope")]
    [InlineData("read:messages no-such-scope")]
    public async Task Asking_only_for_scopes_the_client_may_not_have_or_for_an_undefined_one_gets_invalid_scope(string scope)
    {
        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, "demo-reader", "demo-reader-secret",
            extra: new Dictionary<string, string> { ["scope"] = scope });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Error(response)).Should().Be("invalid_scope");
    }

    [Fact]
    public async Task Asking_for_more_than_the_client_may_have_grants_the_permitted_part_and_says_so()
    {
        // RFC 6749 section 3.3: fewer scopes than asked for, named in the response's scope parameter.
        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, "demo-writer", "demo-writer-secret",
            extra: new Dictionary<string, string> { ["scope"] = "read:messages write:messages delete:messages" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("scope").GetString()!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages");
        JwtParts.Read(body.GetProperty("access_token").GetString()!).Claim("scope")!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages");
    }

    [Fact]
    public async Task Only_the_client_credentials_grant_is_offered()
    {
        using var response = await DevelopmentIssuerFixture.RequestTokenAsync(issuer.Host, "demo-reader", "demo-reader-secret",
            extra: new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "u", ["password"] = "p" });

        (await Error(response)).Should().Be("unsupported_grant_type");
    }

    private static async Task<string?> Error(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
