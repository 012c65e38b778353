using Microsoft.Extensions.Time.Testing;
using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>How many token requests reach the issuer, counted there, while calls succeed.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class TokenCacheTests(ApiHostFixture fixture)
{
    private IssuerTraffic Traffic => fixture.Host.Traffic();

    [Fact]
    public async Task Fifty_concurrent_calls_with_an_empty_cache_make_exactly_one_token_request()
    {
        await using var service = CallingService.For(fixture.Host);
        var (tokensBefore, callsBefore) = (Traffic.TokenRequestCount, Traffic.ApiRequestCount);

        var callers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => service.Api.WhoAmIAsync())));

        callers.Should().AllSatisfy(c => c.ClientId.Should().Be("demo-writer"));
        (Traffic.TokenRequestCount - tokensBefore).Should().Be(1);
        (Traffic.ApiRequestCount - callsBefore).Should().Be(50);
    }

    [Fact]
    public async Task Calls_after_the_first_reuse_its_token()
    {
        await using var service = CallingService.For(fixture.Host);
        var before = Traffic.TokenRequestCount;

        for (var i = 0; i < 5; i++)
        {
            await service.Api.ListAsync();
        }

        (Traffic.TokenRequestCount - before).Should().Be(1);
    }

    [Fact]
    public async Task A_token_near_expiry_is_renewed_once_and_calls_keep_succeeding_across_it()
    {
        // The issuer's tokens live an hour; RenewBefore is one minute. Only the cache's clock is moved.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = CallingService.For(fixture.Host, tokenClock: clock);
        var before = Traffic.TokenRequestCount;
        var first = await service.Api.WhoAmIAsync();

        clock.Advance(TimeSpan.FromMinutes(59) - TimeSpan.FromSeconds(5));
        var stillFirst = await service.Api.WhoAmIAsync();
        var countBeforeMargin = Traffic.TokenRequestCount - before;

        clock.Advance(TimeSpan.FromSeconds(10));
        var acrossRenewal = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => service.Api.WhoAmIAsync())));
        var afterRenewal = await service.Api.WhoAmIAsync();

        countBeforeMargin.Should().Be(1, "a token outside the renewal margin is reused");
        stillFirst.ExpiresAt.Should().Be(first.ExpiresAt);
        acrossRenewal.Append(afterRenewal).Should().AllSatisfy(c => c.ClientId.Should().Be("demo-writer"));
        (Traffic.TokenRequestCount - before).Should().Be(2, "twenty calls inside the margin share one renewal, and the call after uses it");
    }
}
