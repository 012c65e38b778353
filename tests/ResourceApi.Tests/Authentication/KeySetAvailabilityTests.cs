using System.Net;
using System.Net.Sockets;
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
            ["Authentication:Schemes:Bearer:Authority"] = $"http://127.0.0.1:{ClosedPort()}",
        });
        var token = api.Issuer.Token("read:messages");

        using var response = await ApiFixture.ClientFor(factory, token).GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.ContentType.Should().Be("application/problem+json");
        result.ProblemString("detail").Should().Contain("signing keys");
        response.Headers.RetryAfter.Should().NotBeNull();
        factory.Logs.Entries.Should().Contain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("JWKS could not be fetched"));
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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
