using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.KeyLifecycle;

namespace ResourceApi.Tests.TokenCache;

/// <summary>A cached token is only good while the issuer still publishes the key that signed it.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyWithdrawalTests(ApiFixture api)
{
    [Fact]
    public async Task A_key_withdrawn_from_the_issuers_JWKS_drops_the_tokens_it_signed_at_the_next_key_refresh()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        var staying = issuer.Publish(SigningKey.CreateRsa("staying"));
        var leaving = issuer.Publish(SigningKey.CreateEc("leaving"));
        await using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = issuer.BaseUrl,
            // The framework's floor between refreshes on an unknown kid (default 5 minutes).
            ["Authentication:Schemes:Bearer:RefreshInterval"] = "00:00:01",
        });
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        using var stayingClient = ApiFixture.ClientFor(factory, issuer.Token(staying).Scope("read:messages").Build());
        using var leavingClient = ApiFixture.ClientFor(factory, issuer.Token(leaving).Scope("read:messages").Build());
        using var unknownKid = ApiFixture.ClientFor(factory, issuer.Token(SigningKey.CreateRsa("never-published")).Build());
        // Twice to be remembered, a third time to be a hit.
        foreach (var client in new[] { stayingClient, leavingClient, stayingClient, leavingClient, stayingClient, leavingClient })
        {
            (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        cache.Count.Should().Be(2);
        cache.Hits.Should().Be(2);

        issuer.Withdraw(leaving);
        var fetches = issuer.JwksRequests;
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // past RefreshInterval since the first fetch

        // A token with an unknown kid makes the framework ask for a refresh, as any rotation does. Once the
        // new JWKS is in, the withdrawn key's token stops being a hit: each request is validated in full.
        var refreshed = false;
        for (var attempt = 0; attempt < 40 && !refreshed; attempt++)
        {
            (await unknownKid.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var before = cache.Hits;
            using var response = await leavingClient.GetAsync("/api/me");
            refreshed = cache.Hits == before;
            await Task.Delay(50);
        }
        refreshed.Should().BeTrue("the withdrawn key's token is no longer a hit once the new JWKS is in");
        issuer.JwksRequests.Should().BeGreaterThan(fetches);

        var hitsAfterRefresh = cache.Hits;
        for (var i = 0; i < 5; i++)
        {
            using var response = await leavingClient.GetAsync("/api/me");
        }
        cache.Hits.Should().Be(hitsAfterRefresh, "a token whose key left the issuer's JWKS is never served from the cache");

        var hits = cache.Hits;
        (await stayingClient.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Hits.Should().Be(hits + 1, "a key the issuer still publishes keeps its tokens cached across the refresh");
    }

    [Theory]
    [MemberData(nameof(KeyLifecycleHost.Schemes), MemberType = typeof(KeyLifecycleHost))]
    public async Task A_withdrawn_keys_cached_token_is_refused_end_to_end_once_the_key_set_is_refreshed(string scheme)
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        var leaving = issuer.Publish(SigningKey.CreateRsa("leaving"));
        // The issuer's own first key stays published: a JWKS left with no key at all reads as a broken issuer.
        // The scheduled refresh is what notices a withdrawn key (SigningKeySource); 1 s here.
        await using var factory = KeyLifecycleHost.Create(api, scheme, issuer.BaseUrl, ("AutomaticRefreshInterval", "00:00:01"));
        // The key set replaces the old one whole (no last-known-good fallback), so neither the cache nor
        // a full validation accepts the withdrawn key's token after the refresh.
        var host = factory;
        using var leavingClient = ApiFixture.ClientFor(host, issuer.Token(leaving).Scope("read:messages").Build());
        for (var i = 0; i < 3; i++)
        {
            (await leavingClient.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        TokenCacheProbe.RequiredCacheOf(host, scheme).Hits.Should().Be(1, "remembered at the second request, a hit at the third");

        issuer.Withdraw(leaving);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 60 && statuses.LastOrDefault() != HttpStatusCode.Unauthorized; attempt++)
        {
            using var response = await leavingClient.GetAsync("/api/me");
            statuses.Add(response.StatusCode);
            await Task.Delay(50);
        }

        statuses.Last().Should().Be(HttpStatusCode.Unauthorized);
        TokenCacheProbe.RequiredCacheOf(host, scheme).Count.Should().Be(0);
    }
}
