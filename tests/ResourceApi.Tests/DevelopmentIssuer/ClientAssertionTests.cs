using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// private_key_jwt hardening (RFC 7523 §3): an assertion carries a jti, lives at most 5 minutes and is
/// accepted once, so one captured from a log or a proxy buys no token.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class ClientAssertionTests(DevelopmentIssuerFixture issuer)
{
    [Fact]
    public async Task An_assertion_gets_a_token_once_and_the_same_assertion_again_gets_invalid_client()
    {
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host));

        using var first = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);
        using var replayed = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        JwtParts.Read((await Body(first)).GetProperty("access_token").GetString()!).Claim("client_id").Should().Be(DemoKeyedClient.ClientId);
        await ShouldBeInvalidClient(replayed, "already used");
    }

    [Fact]
    public async Task Two_assertions_with_the_same_jti_get_one_token()
    {
        var url = await DemoKeyedClient.IssuerAsync(issuer.Host);
        var jti = Guid.NewGuid().ToString("N");

        using var first = await DemoKeyedClient.RequestTokenAsync(issuer.Host, DemoKeyedClient.Assertion(url, jti: jti));
        using var second = await DemoKeyedClient.RequestTokenAsync(issuer.Host, DemoKeyedClient.Assertion(url, TimeSpan.FromMinutes(3), jti: jti));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeInvalidClient(second, "already used");
    }

    [Fact]
    public async Task An_assertion_without_a_jti_gets_invalid_client()
    {
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host), jti: null);

        using var response = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);

        await ShouldBeInvalidClient(response, "jti");
    }

    [Fact]
    public async Task An_assertion_with_an_oversized_jti_gets_invalid_client()
    {
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host), jti: new string('j', ClientAssertionRules.MaxJtiLength + 1));

        using var response = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);

        await ShouldBeInvalidClient(response, "jti");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_assertion_living_longer_than_five_minutes_gets_invalid_client_with_or_without_iat(bool withIssuedAt)
    {
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host), TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30), withIssuedAt: withIssuedAt);

        using var response = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);

        await ShouldBeInvalidClient(response, "at most 5 minutes");
    }

    [Fact]
    public async Task An_assertion_living_exactly_five_minutes_gets_a_token()
    {
        var assertion = DemoKeyedClient.Assertion(await DemoKeyedClient.IssuerAsync(issuer.Host), TimeSpan.FromMinutes(5));

        using var response = await DemoKeyedClient.RequestTokenAsync(issuer.Host, assertion);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_seen_assertions_are_bounded_and_a_full_store_refuses_new_ones_rather_than_forget_live_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var seen = new SeenAssertions(time);
        var expiresAt = time.GetUtcNow() + TimeSpan.FromMinutes(2);
        for (var i = 0; i < SeenAssertions.MaxEntries; i++)
        {
            seen.TryAdd("client", $"jti-{i}", expiresAt).Should().Be(SeenAssertions.AddResult.Added);
        }

        var whenFull = seen.TryAdd("client", "one-more", expiresAt);
        var earliestAgain = seen.TryAdd("client", "jti-0", expiresAt);
        // Past exp plus the slack, the entries can no longer be replayed (exp refuses them) and make room.
        time.Advance(TimeSpan.FromMinutes(2) + SeenAssertions.ExpirySlack);
        var afterExpiry = seen.TryAdd("client", "one-more", time.GetUtcNow() + TimeSpan.FromMinutes(2));

        whenFull.Should().Be(SeenAssertions.AddResult.Full);
        earliestAgain.Should().Be(SeenAssertions.AddResult.Replayed, "a live entry is never forgotten early");
        afterExpiry.Should().Be(SeenAssertions.AddResult.Added);
        seen.Count.Should().Be(1);
    }

    [Fact]
    public void The_same_jti_from_two_clients_is_two_assertions()
    {
        var seen = new SeenAssertions(TimeProvider.System);
        var expiresAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);

        seen.TryAdd("client-a", "jti", expiresAt).Should().Be(SeenAssertions.AddResult.Added);
        seen.TryAdd("client-b", "jti", expiresAt).Should().Be(SeenAssertions.AddResult.Added);
        seen.TryAdd("client-a", "jti", expiresAt).Should().Be(SeenAssertions.AddResult.Replayed);
    }

    private static async Task ShouldBeInvalidClient(HttpResponseMessage response, string description)
    {
        var body = await Body(response);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        body.GetProperty("error").GetString().Should().Be("invalid_client");
        body.GetProperty("error_description").GetString().Should().Contain(description);
        body.TryGetProperty("access_token", out _).Should().BeFalse();
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
