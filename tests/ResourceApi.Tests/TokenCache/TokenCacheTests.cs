using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.TokenCache;

/// <summary>
/// The validated-token cache: a repeated token is checked in full twice (the second time admits it), then
/// answered from the cache; and every rule that drops an entry (expiry, settings change, disabled) or keeps
/// one out (invalid, forged, seen once, too large, over the bound) holds.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TokenCacheTests(ApiFixture api)
{
    private const string ClaimsPath = "/cache-probe/claims";

    [Fact]
    public void The_cache_is_on_by_default_with_its_default_bound()
    {
        var cache = TokenCacheProbe.CacheOf(api.Factory);

        cache.Should().NotBeNull();
        cache!.MaxEntries.Should().Be(TokenCacheOptions.DefaultMaxEntries);
    }

    [Fact]
    public async Task A_repeated_token_is_validated_in_full_twice_then_answered_from_the_cache()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        var cache = TokenCacheProbe.RequiredCacheOf(factory);

        var counts = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/api/me");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            counts.Add(cache.Count);
        }

        counts.Should().Equal([0, 1, 1, 1], "the first success only marks the token as seen; the second remembers it");
        cache.Hits.Should().Be(2);
    }

    [Theory]
    [InlineData(1, 8 * 1024)]
    [InlineData(TokenCacheOptions.DefaultMaxEntries, 16 * 1024)]
    [InlineData(TokenCacheOptions.MaxMaxEntries, 16 * 1024 * 1024)]
    public void The_seen_once_table_holds_two_8_byte_slots_per_entry_and_at_least_1024(int maxEntries, int bytes)
    {
        new ValidatedTokenCache(maxEntries, TimeProvider.System).SeenOnceBytes.Should().Be(bytes);
    }

    [Fact]
    public async Task A_flood_of_distinct_valid_tokens_each_sent_once_neither_enters_the_cache_nor_evicts_a_reused_token()
    {
        const int max = 8;
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:TokenCache:MaxEntries"] = $"{max}" });
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        using var reused = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        await SendTwiceAsync(reused);

        // A caller that gets a new token for every request, as a misconfigured client does.
        for (var i = 0; i < 10 * max; i++)
        {
            using var response = await ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")).GetAsync("/api/me");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        cache.Count.Should().Be(1, "a token seen once is validated in full and not remembered");
        var hits = cache.Hits;
        (await reused.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Hits.Should().Be(hits + 1, "the reused token is still cached");
    }

    [Fact]
    public async Task A_hit_yields_the_same_principal_and_scopes_as_full_validation()
    {
        await using var factory = api.CreateFactory();
        await using var host = WithClaimsEndpoint(factory);
        var token = api.Issuer.Token().Scope("read:messages write:messages").Claim("roles", new[] { "auditor", "reader" }).Build();
        using var client = ApiFixture.ClientFor(host, token);
        var cache = TokenCacheProbe.RequiredCacheOf(host);

        var missClaims = await client.GetStringAsync(ClaimsPath);
        var missMe = await client.GetStringAsync("/api/me");
        var hitsBefore = cache.Hits;
        var hitClaims = await client.GetStringAsync(ClaimsPath);
        var hitMe = await client.GetStringAsync("/api/me");

        cache.Hits.Should().Be(hitsBefore + 2, "the second pair of requests must come from the cache");
        hitClaims.Should().Be(missClaims);
        hitMe.Should().Be(missMe);
        hitMe.Should().Contain("read:messages").And.Contain("write:messages");
        hitClaims.Should().Contain("auditor").And.Contain("CaseSensitiveClaimsIdentity");
    }

    [Fact]
    public async Task A_token_with_another_signature_or_an_edited_payload_does_not_ride_on_a_cached_one()
    {
        await using var factory = api.CreateFactory();
        var valid = api.Issuer.Token("read:messages");
        await SendTwiceAsync(ApiFixture.ClientFor(factory, valid));

        var parts = valid.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A'; // inside the signature, not in its padding bits
        var otherSignature = $"{parts[0]}.{parts[1]}.{new string(signature)}";
        var editedPayload = api.Issuer.Token().Scope("read:messages").TamperedAfterSigning().Build();

        foreach (var forged in new[] { otherSignature, editedPayload })
        {
            using var response = await ApiFixture.ClientFor(factory, forged).GetAsync("/api/me");
            var result = await BearerResponse.ReadAsync(response);
            result.Status.Should().Be(HttpStatusCode.Unauthorized);
            result.Error.Should().Be("invalid_token");
        }
        TokenCacheProbe.RequiredCacheOf(factory).Count.Should().Be(1);
    }

    [Fact]
    public async Task A_flood_of_distinct_invalid_tokens_neither_enters_the_cache_nor_evicts_a_valid_token()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:TokenCache:MaxEntries"] = "8" });
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        using var valid = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        await SendTwiceAsync(valid);

        for (var i = 0; i < 100; i++)
        {
            var bad = i % 2 == 0
                ? api.Issuer.Token().TamperedAfterSigning().Build()
                : api.Issuer.Token().ExpiresIn(TimeSpan.FromMinutes(-10)).Build();
            using var response = await ApiFixture.ClientFor(factory, bad).GetAsync("/api/me");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        cache.Count.Should().Be(1);
        var hits = cache.Hits;
        (await valid.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Hits.Should().Be(hits + 1, "the valid token is still cached");
    }

    [Fact]
    public async Task The_cache_holds_at_most_MaxEntries_tokens_within_its_memory_bound_and_keeps_the_one_in_use()
    {
        const int max = 16;
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:TokenCache:MaxEntries"] = $"{max}" });
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        using var hot = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));

        for (var i = 0; i < 5 * max; i++)
        {
            (await hot.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
            // Each new token is sent twice, so it is remembered and the cache fills.
            await SendTwiceAsync(ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages")));

            cache.Count.Should().BeLessThanOrEqualTo(max);
            cache.EstimatedBytes.Should().BeLessThanOrEqualTo((long)max * TokenCacheOptions.MaxEntryBytes);
        }

        var hits = cache.Hits;
        (await hot.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Hits.Should().Be(hits + 1, "the token in constant use is the most recently used, never the one evicted");
    }

    [Fact]
    public async Task A_token_too_large_to_cache_is_still_accepted_but_validated_every_time()
    {
        await using var factory = api.CreateFactory();
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        var large = api.Issuer.Token().Scope("read:messages").Claim("profile", new string('x', TokenCacheOptions.MaxEntryBytes)).Build();

        await SendTwiceAsync(ApiFixture.ClientFor(factory, large));

        cache.Count.Should().Be(0, "its second success would have admitted it, were it not too large");
    }

    [Fact]
    public async Task A_cached_entry_is_not_served_past_its_tokens_exp_and_is_swept_even_if_never_presented_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:ClockSkew"] = "00:00:00" });
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var cache = TokenCacheProbe.RequiredCacheOf(host);
        var shortLived = api.Issuer.Token().Scope("read:messages").ExpiresIn(TimeSpan.FromMinutes(1)).Build();
        var forgotten = api.Issuer.Token().Scope("read:messages").ExpiresIn(TimeSpan.FromMinutes(1)).Build();
        using var client = ApiFixture.ClientFor(host, shortLived);
        await SendTwiceAsync(client);
        await SendTwiceAsync(ApiFixture.ClientFor(host, forgotten));
        cache.Count.Should().Be(2);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));
        var hits = cache.Hits;
        // The cache's clock says expired; the token library reads the real clock and still accepts it.
        await client.GetAsync("/api/me");

        cache.Hits.Should().Be(hits, "an entry past its token's exp is never a hit");
        cache.Count.Should().Be(1, "the insert after the sweep interval swept the entry nobody presented again");
    }

    [Fact]
    public async Task A_cached_token_is_refused_as_expired_once_its_exp_passes()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:ClockSkew"] = "00:00:00" });
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        var token = api.Issuer.Token().Scope("read:messages").ExpiresIn(TimeSpan.FromSeconds(2)).Build();
        using var client = ApiFixture.ClientFor(factory, token);

        var statuses = new List<HttpStatusCode>();
        BearerResponse? last = null;
        for (var attempt = 0; attempt < 40 && statuses.LastOrDefault() != HttpStatusCode.Unauthorized; attempt++)
        {
            using var response = await client.GetAsync("/api/me");
            last = await BearerResponse.ReadAsync(response);
            statuses.Add(response.StatusCode);
            await Task.Delay(100);
        }

        statuses.Should().StartWith(HttpStatusCode.OK).And.EndWith(HttpStatusCode.Unauthorized);
        cache.Hits.Should().BeGreaterThan(0, "the token was served from the cache while it was valid");
        last!.Description.Should().Contain("expired");
        cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task Changed_validation_settings_drop_every_cached_token()
    {
        await using var factory = api.CreateFactory();
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        await SendTwiceAsync(client);
        var before = TokenCacheProbe.RequiredCacheOf(factory);
        before.Count.Should().Be(1);

        // What a settings reload does: new values, and the options monitor forgets the scheme's options.
        factory.Services.GetRequiredService<IConfiguration>()["Authentication:Schemes:Bearer:ValidAudiences:0"] = "https://another-api.test";
        factory.Services.GetRequiredService<IOptionsMonitorCache<JwtBearerOptions>>().TryRemove(JwtBearerDefaults.AuthenticationScheme);
        using var response = await client.GetAsync("/api/me");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Unauthorized, "the token was cached under the old audience, and must not be accepted under the new one");
        result.Description.Should().Contain("audience");
        TokenCacheProbe.RequiredCacheOf(factory).Should().NotBeSameAs(before);
        TokenCacheProbe.RequiredCacheOf(factory).Count.Should().Be(0);
    }

    [Fact]
    public async Task With_TokenCache_Enabled_false_every_request_is_validated_in_full()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:TokenCache:Enabled"] = "false" });
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        TokenCacheProbe.CacheOf(factory).Should().BeNull();
        var handlers = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers;
        handlers.Should().ContainSingle().Which.Should().BeOfType<AccessTokenHandler>();
    }

    [Theory]
    [InlineData("MaxEntries", "0", "Authentication:Schemes:Bearer:TokenCache:MaxEntries must be between 1 and")]
    [InlineData("MaxEntries", "many", "Authentication:Schemes:Bearer:TokenCache:MaxEntries must be a whole number")]
    [InlineData("Enabled", "yes please", "Authentication:Schemes:Bearer:TokenCache:Enabled must be true or false")]
    public async Task A_broken_cache_setting_stops_the_app_naming_the_key(string key, string value, string message)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { [$"Authentication:Schemes:Bearer:TokenCache:{key}"] = value });

        var start = () => factory.Server;

        // Both start-up validations that build the cache's settings (its own and the bearer scheme's) report
        // it, so the app may stop with the one exception twice; each must name the key.
        start.Should().Throw<OptionsValidationException>().Subject.Should().OnlyContain(e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    // The second success of the same token is the one that admits it to the cache.
    private static async Task SendTwiceAsync(HttpClient client)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/api/me");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static WebApplicationFactory<Program> WithClaimsEndpoint(WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new EndpointBranch("/cache-probe", endpoints =>
            endpoints.MapGet(ClaimsPath, (ClaimsPrincipal user) => TypedResults.Json(new
            {
                Identities = user.Identities.Select(i => new
                {
                    Type = i.GetType().Name,
                    i.AuthenticationType,
                    i.IsAuthenticated,
                    i.Name,
                    i.NameClaimType,
                    i.RoleClaimType,
                    Roles = user.IsInRole("auditor"),
                    Claims = i.Claims.Select(c => new[] { c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer }),
                }),
            }))))));
}
