using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using ResourceApi.Tests.Infrastructure;
using static ResourceApi.Tests.KeyLifecycle.KeyLifecycleHost;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class IssuerOutageTests(ApiFixture api, Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task Issuer_down_at_start_answers_503_with_Retry_After_is_not_ready_fetches_in_the_background_and_recovers(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync(IssuerBehaviour.Failing);
        await using var factory = Create(api, scheme, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:02"));
        using var client = ApiFixture.ClientFor(factory, issuer.Token().Build());

        for (var i = 0; i < 30; i++)
        {
            using var response = await client.GetAsync("/api/messages");
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30), "a retry within the refresher's backoff is likely to find the keys");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        var (readyStatus, ready) = await ReadyAsync(factory);
        output.WriteLine($"{scheme}: down at start: 30 requests x 503, ready {(int)readyStatus}, discovery fetches {issuer.DiscoveryRequests}");
        readyStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.GetProperty("checks").GetProperty(HealthCheck(scheme)).GetProperty("status").GetString().Should().Be("Unhealthy");
        (await factory.CreateClient().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.DiscoveryRequests.Should().BeLessThanOrEqualTo(3, "30 refused requests cause no fetch: only the background retries do");

        issuer.Behaviour = IssuerBehaviour.Up;
        var recovered = await UntilStatusAsync(client, "/api/messages", HttpStatusCode.OK, within: TimeSpan.FromSeconds(6));
        var readyAfter = (await ReadyAsync(factory)).Status;
        output.WriteLine($"{scheme}: issuer up: 200 after {recovered.TotalSeconds:0.00} s, ready {(int)readyAfter}, discovery fetches in all {issuer.DiscoveryRequests}");
        readyAfter.Should().Be(HttpStatusCode.OK);
        var outage = factory.Logs.Entries.Where(e => e.Message.StartsWith("Issuer outage", StringComparison.Ordinal)).ToList();
        outage.Should().HaveCount(2, "one line when it starts, one when it ends");
        outage.Should().AllSatisfy(e => e.Message.Should().Contain($"Authentication:Schemes:{scheme}", "the line names the settings of the issuer that is down"));
        factory.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error && e.Message.Contains("   at ", StringComparison.Ordinal), "no stack traces");
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task Issuer_down_mid_run_keeps_the_last_keys_until_MaxKeySetAge_then_503_then_recovers(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, scheme, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:01"), ("MaxKeySetAge", "00:00:04"));
        using var client = ApiFixture.ClientFor(factory, issuer.Token().Build());
        (await client.GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);

        issuer.Behaviour = IssuerBehaviour.Failing;
        var down = Stopwatch.StartNew();
        var fetchesAtOutage = issuer.DiscoveryRequests;
        while (issuer.DiscoveryRequests < fetchesAtOutage + 1 && down.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }
        (await client.GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK, "a failed refresh keeps the last good keys");
        var (status, degraded) = await ReadyAsync(factory);
        output.WriteLine($"{scheme}: down mid-run: 200 on last keys, ready {(int)status} {degraded.GetProperty("checks").GetProperty(HealthCheck(scheme)).GetProperty("status").GetString()}");
        status.Should().Be(HttpStatusCode.OK);
        degraded.GetProperty("checks").GetProperty(HealthCheck(scheme)).GetProperty("status").GetString().Should().Be("Degraded");
        degraded.GetProperty("checks").GetProperty(HealthCheck(scheme)).GetProperty("data").GetProperty("ageSeconds").GetDouble().Should().BePositive();

        await UntilStatusAsync(client, "/api/messages", HttpStatusCode.ServiceUnavailable, within: TimeSpan.FromSeconds(8));
        output.WriteLine($"{scheme}: keys past MaxKeySetAge (4 s): 503 after {down.Elapsed.TotalSeconds:0.00} s down");
        down.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3), "keys are kept until they are MaxKeySetAge (4 s) old");
        (await ReadyAsync(factory)).Status.Should().Be(HttpStatusCode.ServiceUnavailable);

        issuer.Behaviour = IssuerBehaviour.Up;
        var back = await UntilStatusAsync(client, "/api/messages", HttpStatusCode.OK, within: TimeSpan.FromSeconds(5));
        var readyBack = (await ReadyAsync(factory)).Status;
        output.WriteLine($"{scheme}: issuer back: 200 after {back.TotalSeconds:0.00} s, ready {(int)readyBack}");
        readyBack.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task A_black_holed_issuer_never_holds_a_request_longer_than_BackchannelTimeout(string scheme)
    {
        using var blackHole = new BlackHole();
        await using var issuer = await LoopbackIssuer.StartAsync();
        // The tokens' iss is the issuer's; its discovery address leads into the black hole.
        await using var factory = Create(api, scheme, blackHole.BaseUrl, ("BackchannelTimeout", "00:00:01"), ("ValidIssuer", issuer.Issuer));
        using var client = ApiFixture.ClientFor(factory, issuer.Token().Build());

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/api/messages");
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        var metadata = Stopwatch.StartNew();
        using var rfc9728 = await factory.CreateClient().GetAsync("/.well-known/oauth-protected-resource");

        output.WriteLine($"{scheme}: black hole: slowest of 10 requests {slowest.TotalMilliseconds:0} ms (BackchannelTimeout 1 s), RFC 9728 in {metadata.Elapsed.TotalMilliseconds:0} ms, connections {blackHole.Connections}");
        slowest.Should().BeLessThan(TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(1), "only the very first request waits, for the first fetch, at most BackchannelTimeout");
        rfc9728.StatusCode.Should().Be(HttpStatusCode.OK);
        metadata.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "the metadata document falls back at once instead of waiting for the issuer");
        blackHole.Connections.Should().BeLessThanOrEqualTo(3);
    }

    public static TheoryData<string, IssuerBehaviour, string> UnusableMetadata()
    {
        var data = new TheoryData<string, IssuerBehaviour, string>();
        foreach (var scheme in new[] { "Bearer", NamedScheme })
        {
            data.Add(scheme, IssuerBehaviour.Html, "not JSON");
            data.Add(scheme, IssuerBehaviour.Garbage, "not valid");
            data.Add(scheme, IssuerBehaviour.OversizedJwks, "larger than");
            data.Add(scheme, IssuerBehaviour.Hanging, "did not answer within 1 s");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnusableMetadata))]
    public async Task Unusable_metadata_or_jwks_is_a_bounded_503_with_the_reason_logged_once(string scheme, IssuerBehaviour behaviour, string reason)
    {
        await using var issuer = await LoopbackIssuer.StartAsync(behaviour);
        await using var factory = Create(api, scheme, issuer.BaseUrl, ("BackchannelTimeout", "00:00:01"));
        using var client = ApiFixture.ClientFor(factory, issuer.Token().Build());

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/api/messages");
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        factory.Logs.Entries.Should().ContainSingle(e => e.Message.StartsWith("Issuer outage", StringComparison.Ordinal))
            .Which.Message.Should().Contain(reason).And.Contain($"Authentication:Schemes:{scheme}");
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task Anonymous_metadata_and_openapi_reads_never_fetch_from_a_down_issuer(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync(IssuerBehaviour.Failing);
        await using var factory = Create(api, scheme, issuer.BaseUrl);
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(200);
        var before = issuer.DiscoveryRequests;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync("/.well-known/oauth-protected-resource")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // The background retries come 1 s, 2 s, 4 s... apart: about log2(elapsed) of them, however many reads.
        var retries = 1 + (int)Math.Ceiling(Math.Log2(clock.Elapsed.TotalSeconds + 1));
        (issuer.DiscoveryRequests - before).Should().BeLessThanOrEqualTo(retries, "40 anonymous reads cause no fetch; only the background retries do");
    }
}
