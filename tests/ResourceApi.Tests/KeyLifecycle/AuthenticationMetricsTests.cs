using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;
using static ResourceApi.Tests.KeyLifecycle.KeyLifecycleHost;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationMetricsTests(ApiFixture api)
{
    [Fact]
    public async Task Validations_are_counted_by_outcome_and_reason_and_refusals_are_summarised_not_logged_one_by_one()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, issuer.BaseUrl);
        var meterFactory = factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var validations = new MetricCollector<long>(meterFactory, AuthenticationMetrics.MeterName, "resourceapi.token.validations");

        (await ApiFixture.ClientFor(factory, issuer.Token().Build()).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            (await ApiFixture.ClientFor(factory, issuer.Token().ExpiresIn(TimeSpan.FromMinutes(-5)).Build()).GetAsync("/api/messages"))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        (await ApiFixture.ClientFor(factory, issuer.Token().Claim("aud", "https://someone-else").Build()).GetAsync("/api/messages"))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var measured = validations.GetMeasurementSnapshot();
        Count(measured, "accepted", "valid").Should().Be(1);
        Count(measured, "refused", "expired").Should().Be(3);
        Count(measured, "refused", "wrong_audience").Should().Be(1);

        factory.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning && e.Category.Contains("BearerEvents", StringComparison.Ordinal),
            "a refusal is a Debug line; the Warning is the periodic summary");
        factory.Services.GetRequiredService<RefusalSummary>().Flush().Should().BeTrue();
        factory.Logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.StartsWith("4 bearer requests refused", StringComparison.Ordinal))
            .Which.Message.Should().Contain("expired 3").And.Contain("wrong_audience 1");
    }

    [Fact]
    public async Task Key_set_fetches_and_failures_and_the_key_sets_age_are_measured()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:01"));
        var meterFactory = factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var fetches = new MetricCollector<long>(meterFactory, AuthenticationMetrics.MeterName, "resourceapi.keyset.fetches");
        using var age = new MetricCollector<double>(meterFactory, AuthenticationMetrics.MeterName, "resourceapi.keyset.age");
        (await ApiFixture.ClientFor(factory, issuer.Token().Build()).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);

        issuer.Behaviour = IssuerBehaviour.Failing;
        await fetches.WaitForMeasurementsAsync(minCount: 1, TimeSpan.FromSeconds(5));
        while (!fetches.GetMeasurementSnapshot().Any(m => Equals(m.Tags["outcome"], "failure")))
        {
            await fetches.WaitForMeasurementsAsync(minCount: fetches.GetMeasurementSnapshot().Count + 1, TimeSpan.FromSeconds(5));
        }
        age.RecordObservableInstruments();

        fetches.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["outcome"], "failure") && Equals(m.Tags["trigger"], "scheduled"));
        age.LastMeasurement!.Value.Should().BeGreaterThan(0);
    }

    private static long Count(IReadOnlyList<CollectedMeasurement<long>> measured, string outcome, string reason) =>
        measured.Where(m => Equals(m.Tags["outcome"], outcome) && Equals(m.Tags["reason"], reason)).Sum(m => m.Value);
}

[Collection(ApiCollection.Name)]
public sealed class ScopeDenialMetricsTests(ApiFixture api)
{
    [Fact]
    public async Task Scope_denials_are_counted_by_endpoint_and_missing_scope()
    {
        var meterFactory = api.Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var denials = new MetricCollector<long>(meterFactory, AuthenticationMetrics.MeterName, "resourceapi.authorization.scope_denials");

        using var response = await api.Client(api.Issuer.Token("read:messages")).DeleteAsync($"/api/messages/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        denials.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags.Should().Contain(new KeyValuePair<string, object?>("endpoint", "DELETE /api/messages/{id:guid}"))
            .And.Contain(new KeyValuePair<string, object?>("missing_scope", "delete:messages"));
    }
}

[Collection(ApiCollection.Name)]
public sealed class RefusalLogTests(ApiFixture api)
{
    [Fact]
    public async Task A_path_with_an_encoded_line_break_cannot_forge_a_log_line()
    {
        using var response = await api.Client("not-a-jwt").GetAsync("/api/messages%0A2030-01-01%20CRITICAL%20forged");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Factory.Logs.Entries.Should().Contain(e => e.Message.Contains("CRITICAL", StringComparison.Ordinal))
            .And.NotContain(e => e.Message.Contains("\nforged", StringComparison.Ordinal) || e.Message.Contains('\n', StringComparison.Ordinal) && e.Message.Contains("CRITICAL", StringComparison.Ordinal));
    }
}
