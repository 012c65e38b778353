using System.Net;
using System.Net.Http.Headers;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authentication;

/// <summary>How a token may be sent (RFC 6750 §2.1 only) and what the API answers when it is not.</summary>
[Collection(ApiCollection.Name)]
public sealed class BearerRequestTests(ApiFixture api)
{
    // The resource identifier defaults to the first https audience, not to the host a request names.
    private const string ResourceMetadataUrl = TestIssuer.Audience + "/.well-known/oauth-protected-resource";

    [Fact]
    public async Task No_token_gets_401_with_a_bare_Bearer_challenge()
    {
        using var response = await api.Client().GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Unauthorized);
        result.Challenge.Should().Be($"Bearer resource_metadata=\"{ResourceMetadataUrl}\"");
        result.Error.Should().BeNull();
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("error").Should().BeNull();
        result.ProblemString("detail").Should().Contain("Authorization: Bearer");
        result.ProblemString("traceId").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Another_scheme_is_treated_as_no_token()
    {
        using var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        using var response = await client.GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // No error on either challenge; DPoP is offered beside Bearer under the default Dpop:Mode (Allowed).
        response.Headers.WwwAuthenticate.Select(c => c.ToString()).Should().Equal(
            $"Bearer resource_metadata=\"{ResourceMetadataUrl}\"",
            $"DPoP algs=\"{string.Join(' ', ResourceApi.AccessTokens.DpopOptions.DefaultAlgorithms)}\", resource_metadata=\"{ResourceMetadataUrl}\"");
    }

    [Fact]
    public async Task Lowercase_bearer_scheme_is_accepted()
    {
        using var client = api.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + api.Issuer.Token("read:messages"));

        using var response = await client.GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, string> MalformedRequests => new()
    {
        { "Bearer", "no token" },
        { "Bearer    ", "no token" },
        { "Bearer abc def", "characters" },
        { "Bearer <script>", "characters" },
        { "Bearer ====", "characters" },
        { "Bearer abc=def", "characters" },
        { "Bearer abc\u00e9def", "characters" },
        // Past the first vector's worth of characters, and just before the end.
        { "Bearer " + new string('a', 100) + "!" + new string('a', 3), "characters" },
        { "Bearer " + new string('a', 70) + ":a==", "characters" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Malformed_Authorization_header_gets_400_invalid_request(string header, string says)
    {
        using var client = api.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await client.GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
        result.Description.Should().Contain(says);
        result.ProblemString("error").Should().Be("invalid_request");
        result.ContentType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Two_Authorization_headers_get_400_invalid_request()
    {
        var token = api.Issuer.Token("read:messages");
        using var client = api.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ["Bearer " + token, "Bearer " + token]);

        using var response = await client.GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
        result.Description.Should().Contain("more than one");
    }

    [Fact]
    public async Task Token_in_the_query_string_is_refused_with_400()
    {
        var token = api.Issuer.Token("read:messages");

        using var response = await api.Client().GetAsync("/api/messages?access_token=" + token);
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
        result.Description.Should().Contain("query string");
        result.Description.Should().NotContain(token);
    }

    [Fact]
    public async Task Token_in_both_header_and_query_is_refused_with_400()
    {
        var token = api.Issuer.Token("read:messages");

        using var response = await api.Client(token).GetAsync("/api/messages?access_token=" + token);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Oversized_token_gets_401_invalid_token_without_parsing()
    {
        using var response = await api.Client(new string('a', 20_000)).GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Unauthorized);
        result.Error.Should().Be("invalid_token");
        result.Description.Should().Contain("16 KB");
    }

    [Fact]
    public async Task Health_is_anonymous()
    {
        using var response = await api.Client().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Unmapped_paths_are_denied_by_default()
    {
        using var response = await api.Client().GetAsync("/api/anything-else");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Denials_are_logged_with_a_reason_and_never_with_the_token()
    {
        var token = api.Issuer.Token().ExpiresIn(TimeSpan.FromMinutes(-10)).Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var logs = api.Factory.Logs.Entries;
        logs.Should().Contain(e => e.Message.Contains("invalid_token") && e.Message.Contains("expired") && e.Message.Contains("/api/messages"));
        logs.Should().NotContain(e => e.Message.Contains(token) || e.Message.Contains(token.Split('.')[2]));
    }
}
