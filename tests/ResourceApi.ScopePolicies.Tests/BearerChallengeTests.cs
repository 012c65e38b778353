using ResourceApi.BearerErrors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ResourceApi.ScopePolicies.Tests;

/// <summary>The one formatter of WWW-Authenticate values: right for every outcome, and safe for any input.</summary>
public sealed class BearerChallengeTests
{
    [Fact]
    public void A_missing_token_gets_a_bare_Bearer_challenge() =>
        BearerChallenge.Format(BearerError.MissingToken()).Should().Be("Bearer");

    [Fact]
    public void Insufficient_scope_names_error_description_and_scope_in_order()
    {
        var value = BearerChallenge.Format(ScopeWords.InsufficientScope(ScopeMatch.All, ["write:messages"]), "https://api.example/.well-known/oauth-protected-resource");

        value.Should().Be("Bearer error=\"insufficient_scope\", "
            + "error_description=\"The access token lacks a scope this endpoint needs: write:messages.\", "
            + "scope=\"write:messages\", resource_metadata=\"https://api.example/.well-known/oauth-protected-resource\"");
    }

    [Fact]
    public void Quotes_and_backslashes_in_a_parameter_are_escaped_as_quoted_pairs()
    {
        var value = BearerChallenge.Format([new KeyValuePair<string, string>("realm", "a \"quoted\" \\ value")]);

        value.Should().Be("Bearer realm=\"a \\\"quoted\\\" \\\\ value\"");
    }

    [Theory]
    [InlineData("line\r\nInjected: header")]
    [InlineData("caf\u00e9 \u2603 \u0000 \u007f")]
    [InlineData("\"\\\"")]
    public void Any_description_gives_a_header_value_a_server_can_send(string description)
    {
        var value = BearerChallenge.Format(BearerError.InvalidToken(description), "https://api.example/\"x\"");

        value.Should().MatchRegex("^[\\x20-\\x7E\\t]*$", "a header value is visible ASCII, space and tab only");
        value.Should().NotContain("\r").And.NotContain("\n");
        // The description stays one quoted-string: RFC 6750 allows no quote or backslash in it at all.
        var description_ = value[(value.IndexOf("error_description=\"", StringComparison.Ordinal) + 19)..];
        description_[..description_.IndexOf('"', StringComparison.Ordinal)].Should().NotContain("\\");
    }

    [Fact]
    public async Task The_writer_sends_the_formatted_challenge_and_a_problem_body()
    {
        var context = NewContext();

        await BearerErrorResponse.WriteAsync(context, BearerError.InvalidToken("expired"));

        context.Response.StatusCode.Should().Be(401);
        context.Response.Headers.WWWAuthenticate.ToString().Should().Be(BearerChallenge.Format(BearerError.InvalidToken("expired")));
        context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        context.Response.ContentType.Should().StartWith("application/problem+json");
    }

    [Fact]
    public async Task The_writer_names_the_configured_metadata_url_whatever_Host_the_request_carries()
    {
        const string metadata = "https://api.example/.well-known/oauth-protected-resource/orders";
        var context = NewContext(o => o.ResourceMetadataUrl = metadata);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("attacker.example");

        await BearerErrorResponse.WriteAsync(context, BearerError.MissingToken());

        context.Response.Headers.WWWAuthenticate.ToString().Should().Be($"Bearer resource_metadata=\"{metadata}\"");
    }

    [Fact]
    public async Task An_unavailable_key_set_is_a_503_with_Retry_After_and_no_challenge()
    {
        var context = NewContext();

        await BearerErrorResponse.WriteAsync(context, BearerError.Unavailable("keys out of reach", TimeSpan.FromSeconds(30)));

        context.Response.StatusCode.Should().Be(503);
        context.Response.Headers.RetryAfter.ToString().Should().Be("30");
        context.Response.Headers.WWWAuthenticate.Should().BeEmpty();
    }

    private static DefaultHttpContext NewContext(Action<BearerChallengeOptions>? challenge = null) => new()
    {
        RequestServices = new ServiceCollection().AddLogging().Configure(challenge ?? (_ => { })).BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
