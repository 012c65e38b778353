using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class TelemetryExportTests(ApiFixture api)
{
    [Fact]
    public async Task With_Prometheus_enabled_metrics_are_scraped_anonymously_at_metrics()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Telemetry:PrometheusEnabled"] = "true" });
        (await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await factory.CreateClient().GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("resourceapi_token_validations").And.Contain("outcome=\"accepted\"").And.Contain("resourceapi_keyset_age");
    }

    [Fact]
    public async Task By_default_there_is_no_metrics_endpoint()
    {
        using var response = await api.Client().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an unmapped path needs a token like every other (default deny)");
    }
}
