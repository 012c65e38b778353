using System.Diagnostics;
using System.Net;
using ResourceApi.Tests.Infrastructure;
using static ResourceApi.Tests.KeyLifecycle.KeyLifecycleHost;

namespace ResourceApi.Tests.KeyLifecycle;

/// <summary>
/// A trusted issuer under a name of its own is as first-class as <c>Bearer</c>: its keys are refreshed in
/// the background on its own schedule, it has its own readiness entry, and it works without <c>Bearer</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SecondIssuerTests(ApiFixture api, Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task Tokens_keep_validating_past_MaxKeySetAge_while_the_issuer_is_up(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, scheme, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:02"), ("MaxKeySetAge", "00:00:06"));
        using var client = ApiFixture.ClientFor(factory, issuer.Token().Build());

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        while (clock.Elapsed < TimeSpan.FromSeconds(8))
        {
            using var response = await client.GetAsync("/api/messages");
            statuses.Add(response.StatusCode);
            await Task.Delay(250);
        }
        var (status, ready) = await ReadyAsync(factory);
        var entry = ready.GetProperty("checks").GetProperty(HealthCheck(scheme));

        output.WriteLine($"{scheme}: {statuses.Count} requests over {clock.Elapsed.TotalSeconds:0.0} s: {statuses.Count(s => s == HttpStatusCode.OK)} x 200; discovery fetches {issuer.DiscoveryRequests}; ready {(int)status} {entry.GetProperty("status").GetString()}");
        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK, "the keys are refreshed every 2 s, long before they are 6 s old");
        issuer.DiscoveryRequests.Should().BeGreaterThanOrEqualTo(3, "8 s at a 2 s refresh: the background fetches on schedule");
        status.Should().Be(HttpStatusCode.OK);
        entry.GetProperty("status").GetString().Should().Be("Healthy");
        entry.GetProperty("data").GetProperty("scheme").GetString().Should().Be(scheme);
        entry.GetProperty("data").GetProperty("ageSeconds").GetDouble().Should().BeLessThan(6);
    }

    [Fact]
    public async Task A_configuration_with_only_a_named_scheme_works_and_Bearer_is_not_needed()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = null,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = null,
            [$"Authentication:Schemes:{NamedScheme}:Authority"] = issuer.BaseUrl,
            [$"Authentication:Schemes:{NamedScheme}:ValidAudiences:0"] = TestIssuer.Audience,
        });

        using var valid = await ApiFixture.ClientFor(factory, issuer.Token().Scope("read:messages").Build()).GetAsync("/api/messages");
        using var none = await factory.CreateClient().GetAsync("/api/messages");
        using var fixtureIssuer = await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/messages");
        var (status, ready) = await ReadyAsync(factory);

        valid.StatusCode.Should().Be(HttpStatusCode.OK);
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        fixtureIssuer.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the issuer Bearer used to name is no longer trusted");
        status.Should().Be(HttpStatusCode.OK);
        ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().BeEquivalentTo([HealthCheck(NamedScheme), "database"]);
    }
}
