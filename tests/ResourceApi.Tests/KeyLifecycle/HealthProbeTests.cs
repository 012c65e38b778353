using System.Net;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class HealthProbeTests(ApiFixture api)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probes_are_anonymous_json_and_healthy_with_keys_and_a_database(string path)
    {
        using var warmUp = await api.Client(api.Issuer.Token("read:messages")).GetAsync("/api/messages");
        using var response = await api.Client().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Readiness_names_its_checks_and_reports_the_key_sets_age()
    {
        using var warmUp = await api.Client(api.Issuer.Token("read:messages")).GetAsync("/api/messages");
        using var response = await api.Client().GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");

        checks.GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        var keys = checks.GetProperty("signing_keys:Bearer");
        keys.GetProperty("status").GetString().Should().Be("Healthy");
        keys.GetProperty("data").GetProperty("keys").GetInt32().Should().BeGreaterThanOrEqualTo(3, "the test issuer publishes three keys, and other tests rotate more in");
        keys.GetProperty("data").GetProperty("ageSeconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);
    }
}
