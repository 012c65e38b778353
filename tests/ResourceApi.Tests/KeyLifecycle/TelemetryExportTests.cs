using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class TelemetryExportTests(ApiFixture api)
{
    [Fact]
    public async Task With_a_Prometheus_port_metrics_are_scraped_anonymously_on_that_port_only()
    {
        var port = LoopbackPort.Unused();
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        (await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var scraper = new HttpClient();

        using var scrape = await scraper.GetAsync($"http://127.0.0.1:{port}/metrics");
        using var onTheApi = await factory.CreateClient().GetAsync("/metrics");
        var body = await scrape.Content.ReadAsStringAsync();

        scrape.StatusCode.Should().Be(HttpStatusCode.OK);
        scrape.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        body.Should().Contain("resourceapi_token_validations").And.Contain("outcome=\"accepted\"").And.Contain("resourceapi_keyset_age");
        onTheApi.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API's own port serves no metrics, so /metrics needs a token like any unmapped path");
        onTheApi.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task The_scrape_listener_stops_with_the_app()
    {
        var port = LoopbackPort.Unused();
        var factory = api.CreateFactory(new Dictionary<string, string?> { ["Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _ = factory.Server;
        using var scraper = new HttpClient();
        (await scraper.GetAsync($"http://127.0.0.1:{port}/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);

        await factory.DisposeAsync();
        var scrape = () => scraper.GetAsync($"http://127.0.0.1:{port}/metrics");

        await scrape.Should().ThrowAsync<HttpRequestException>("nothing listens on the port once the app has stopped");
    }

    [Fact]
    public async Task By_default_there_is_no_metrics_endpoint()
    {
        using var response = await api.Client().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an unmapped path needs a token like every other (default deny)");
    }

    [Theory]
    [InlineData("Telemetry:PrometheusHost", "http://10.0.0.5", "Telemetry:PrometheusHost must be a host name or an IPv4 address")]
    [InlineData("Telemetry:PrometheusHost", "0.0.0.0", "or * for every interface")]
    [InlineData("Telemetry:PrometheusPath", "metrics", "Telemetry:PrometheusPath must be a path")]
    public async Task A_broken_scrape_listener_setting_stops_the_app_naming_it(string key, string value, string message)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Telemetry:PrometheusPort"] = "9464", [key] = value });

        var start = () => factory.Server;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain(message);
    }
}
