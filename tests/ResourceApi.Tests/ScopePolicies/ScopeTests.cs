using System.Net;
using System.Net.Http.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.ScopePolicies;

[Collection(ApiCollection.Name)]
public sealed class ScopeTests(ApiFixture api)
{
    public static TheoryData<string, object> GrantingShapes => new()
    {
        { "scope", "read:messages" },
        { "scope", "openid read:messages profile" },
        { "scope", new[] { "openid", "read:messages" } },
        { "scp", "read:messages" },
        { "scp", new[] { "read:messages", "other" } },
    };

    [Theory]
    [MemberData(nameof(GrantingShapes))]
    public async Task Scopes_are_read_from_every_shape_issuers_use(string claim, object value)
    {
        var token = api.Issuer.Token().Without("scope").Claim(claim, value).Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, object?> NonGrantingShapes => new()
    {
        { "scope", "read:messages-extra" },
        { "scope", "xread:messages" },
        { "scope", "READ:MESSAGES" },
        { "scope", "read" },
        { "scope", "read:messages," },
        { "scope", "read:messageswrite:messages" },
        { "scope", "" },
        { "scope", null },
        { "scope", new[] { "read:messages-extra" } },
        { "roles", "read:messages" },
        { "permissions", new[] { "read:messages" } },
    };

    [Theory]
    [MemberData(nameof(NonGrantingShapes))]
    public async Task Only_an_exact_scope_grants_access(string claim, object? value)
    {
        var token = api.Issuer.Token().Without("scope").Claim(claim, value).Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Missing_scope_gets_403_insufficient_scope_naming_the_scope_needed()
    {
        var token = api.Issuer.Token("read:messages");

        using var response = await api.Client(token).PostAsJsonAsync("/api/messages", new { text = "hello" });
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Challenge.Should().StartWith("Bearer error=\"insufficient_scope\"");
        result.Error.Should().Be("insufficient_scope");
        result.Parameters["scope"].Should().Be("write:messages");
        result.Description.Should().Contain("write:messages");
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("error").Should().Be("insufficient_scope");
        result.ProblemString("scope").Should().Be("write:messages");
        result.Problem.GetProperty("requiredScopes").EnumerateArray().Select(e => e.GetString()).Should().Equal("write:messages");
        result.Problem.GetProperty("status").GetInt32().Should().Be(403);
    }

    [Theory]
    [InlineData("GET", "/api/messages", "read:messages")]
    [InlineData("POST", "/api/messages", "write:messages")]
    [InlineData("DELETE", "/api/messages/0190b8a4-1c2d-7000-8000-000000000000", "delete:messages")]
    public async Task Each_endpoint_names_its_own_scope_when_it_is_missing(string method, string path, string scope)
    {
        var token = api.Issuer.Token("unrelated:scope");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { text = "x" });
        }

        using var response = await api.Client(token).SendAsync(request);
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Parameters["scope"].Should().Be(scope);
    }

    [Fact]
    public async Task Insufficient_scope_is_logged_with_the_client_and_requirement()
    {
        var token = api.Issuer.Token().Scope("read:messages").Claim("client_id", "scope-log-client").Build();

        using var response = await api.Client(token).DeleteAsync("/api/messages/0190b8a4-1c2d-7000-8000-000000000000");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        api.Factory.Logs.Entries.Should().Contain(e => e.Message.Contains("scope-log-client") && e.Message.Contains("delete:messages"));
    }

    [Fact]
    public async Task Me_needs_a_valid_token_but_no_scope_and_shows_what_the_token_carries()
    {
        var token = api.Issuer.Token().Scope("b:scope a:scope").Claim("client_id", "me-client").Build();

        using var response = await api.Client(token).GetAsync("/api/me");
        var me = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        me.GetProperty("clientId").GetString().Should().Be("me-client");
        me.GetProperty("issuer").GetString().Should().Be(api.Issuer.Issuer);
        me.GetProperty("audiences").EnumerateArray().Select(a => a.GetString()).Should().Equal(TestIssuer.Audience);
        me.GetProperty("scopes").EnumerateArray().Select(a => a.GetString()).Should().Equal("a:scope", "b:scope");
        me.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Me_without_a_token_is_401()
    {
        using var response = await api.Client().GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
