using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authentication;

[Collection(ApiCollection.Name)]
public sealed class KeySetAvailabilityTests(ApiFixture api)
{
    [Fact]
    public async Task Unreachable_issuer_fails_closed_with_503_not_500_and_never_200()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = $"http://127.0.0.1:{LoopbackPort.Unused()}",
        });
        var token = api.Issuer.Token("read:messages");

        using var response = await ApiFixture.ClientFor(factory, token).GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("detail").Should().Contain("signing keys");
        response.Headers.RetryAfter.Should().NotBeNull();
        factory.Logs.Entries.Should().ContainSingle(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.StartsWith("Issuer outage:"),
            "the outage is logged when it starts, not once per request");
    }

    [Fact]
    public async Task Keys_are_fetched_from_the_issuers_jwks_over_http()
    {
        var before = api.Issuer.JwksRequests;
        await using var factory = api.CreateFactory();

        using var response = await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Issuer.JwksRequests.Should().BeGreaterThan(before);
    }

    [Fact]
    public async Task A_key_the_issuer_rotates_in_is_picked_up_without_a_restart()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            // The framework's floor between refreshes on an unknown kid (default 5 minutes).
            ["Authentication:Schemes:Bearer:RefreshInterval"] = "00:00:01",
        });
        using var warmUp = await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/messages");
        warmUp.StatusCode.Should().Be(HttpStatusCode.OK);

        var rotated = api.Issuer.RotateInNewKey();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var token = api.Issuer.Token().SignedWith(rotated).Build();

        // An unknown kid makes the handler ask for a JWKS refresh, which IdentityModel runs in the
        // background: the request that triggers it may still be refused, the next one sees the key.
        using var client = ApiFixture.ClientFor(factory, token);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 20 && statuses.LastOrDefault() != HttpStatusCode.OK; attempt++)
        {
            using var response = await client.GetAsync("/api/messages");
            statuses.Add(response.StatusCode);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
        }

        statuses.Last().Should().Be(HttpStatusCode.OK);
        statuses.Should().HaveCountLessThanOrEqualTo(3, "the refresh is one background fetch away");
    }
}
