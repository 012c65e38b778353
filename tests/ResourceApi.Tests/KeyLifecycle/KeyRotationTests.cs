using System.Net;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;
using static ResourceApi.Tests.KeyLifecycle.KeyLifecycleHost;

namespace ResourceApi.Tests.KeyLifecycle;

[Collection(ApiCollection.Name)]
public sealed class KeyRotationTests(ApiFixture api, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_default_bounds_are_the_ones_the_readme_promises()
    {
        var defaults = new AccessTokenOptions();

        defaults.AutomaticRefreshInterval.Should().Be(TimeSpan.FromMinutes(5)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
        defaults.RefreshInterval.Should().Be(TimeSpan.FromSeconds(30));
        defaults.MaxKeySetAge.Should().Be(TimeSpan.FromHours(1));
        defaults.BackchannelTimeout.Should().Be(TimeSpan.FromSeconds(3));
        defaults.MaxMetadataBytes.Should().Be(256 * 1024);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(30, 60)]
    public void A_failed_fetch_is_retried_after_1_2_4_seconds_up_to_60_with_at_most_20_percent_jitter(int failures, int seconds)
    {
        var delays = Enumerable.Range(0, 200).Select(_ => KeySetRefresher.RetryDelay(failures, AccessTokenOptions.DefaultAutomaticRefreshInterval)).ToList();

        delays.Should().OnlyContain(d => d >= TimeSpan.FromSeconds(seconds * 0.8) && d <= TimeSpan.FromSeconds(seconds));
        KeySetRefresher.RetryDelay(failures, TimeSpan.FromSeconds(2)).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2), "never longer than the refresh interval");
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task A_key_withdrawn_at_the_issuer_is_refused_within_AutomaticRefreshInterval(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        var leaked = issuer.Publish();
        await using var factory = Create(api, scheme, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:02"));
        using var client = ApiFixture.ClientFor(factory, issuer.Token(leaked).Build());
        (await client.GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);

        issuer.Withdraw(leaked);
        var refusedAfter = await UntilStatusAsync(client, "/api/messages", HttpStatusCode.Unauthorized, within: TimeSpan.FromSeconds(10));

        output.WriteLine($"{scheme}: withdrawn key refused after {refusedAfter.TotalSeconds:0.00} s (AutomaticRefreshInterval 2 s)");
        // The bound: one refresh interval, plus one fetch (BackchannelTimeout, 3 s at most; ~ms on loopback).
        refusedAfter.Should().BeLessThan(TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(1));
        (await ApiFixture.ClientFor(factory, issuer.Token().Build()).GetAsync("/api/messages")).StatusCode
            .Should().Be(HttpStatusCode.OK, "the key that is still published keeps working");
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task A_token_signed_with_a_key_published_after_the_last_fetch_passes_on_its_first_request_after_one_fetch(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, scheme, issuer.BaseUrl);
        (await ApiFixture.ClientFor(factory, issuer.Token().Build()).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);
        var fetchesBefore = issuer.JwksRequests;

        var rotatedIn = issuer.Publish();
        using var first = await ApiFixture.ClientFor(factory, issuer.Token(rotatedIn).Build()).GetAsync("/api/messages");

        output.WriteLine($"{scheme}: rotated-in key: first request {(int)first.StatusCode}, JWKS fetches {issuer.JwksRequests - fetchesBefore}");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (issuer.JwksRequests - fetchesBefore).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task A_flood_of_tokens_naming_unknown_kids_causes_at_most_one_fetch_per_RefreshInterval(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        await using var factory = Create(api, scheme, issuer.BaseUrl);
        (await ApiFixture.ClientFor(factory, issuer.Token().Build()).GetAsync("/api/messages")).StatusCode.Should().Be(HttpStatusCode.OK);
        var fetchesBefore = issuer.JwksRequests;
        var forger = SigningKey.CreateRsa("forger");

        var client = factory.CreateClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
            request.Headers.Authorization = new("Bearer", issuer.Token(forger).Header("kid", $"forged-{i}").Build());
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));

        output.WriteLine($"{scheme}: {statuses.Length} forged kids: {statuses.Count(s => s == HttpStatusCode.Unauthorized)} x 401, JWKS fetches {issuer.JwksRequests - fetchesBefore}");
        statuses.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        (issuer.JwksRequests - fetchesBefore).Should().BeLessThanOrEqualTo(1, "200 forged kids within one RefreshInterval (30 s by default)");
    }

    [Fact]
    public async Task A_token_is_verified_only_with_the_key_its_kid_names()
    {
        // Signed by a published key, but naming another published key, or a key that does not exist.
        var namesAnother = api.Issuer.Token().Header("kid", api.Issuer.RsaPss.Kid).Build();
        var namesNone = api.Issuer.Token().Header("kid", "no-such-key").Build();
        var namesItCaseFolded = api.Issuer.Token().Header("kid", api.Issuer.Rsa.Kid.ToUpperInvariant()).Build();

        foreach (var token in new[] { namesAnother, namesNone, namesItCaseFolded })
        {
            using var response = await api.Client(token).GetAsync("/api/messages");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_token_without_kid_passes_only_when_exactly_one_published_key_can_verify_its_alg()
    {
        // The test issuer publishes two RSA keys (rsa-1, pss-1) and one EC key (ec-1).
        var rsaWithoutKid = api.Issuer.Token().Header("kid", null).Build();
        var ecWithoutKid = api.Issuer.Token().SignedWith(api.Issuer.Ec).Header("kid", null).Build();

        using var rsa = await api.Client(rsaWithoutKid).GetAsync("/api/messages");
        using var ec = await api.Client(ecWithoutKid).GetAsync("/api/messages");

        rsa.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "two RSA keys: which one is meant is not said, so neither is tried");
        ec.StatusCode.Should().Be(HttpStatusCode.OK, "one EC key: one signature check");
    }
}
