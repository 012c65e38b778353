using System.Net;
using Microsoft.Extensions.Time.Testing;
using ResourceApi.Client.Api;
using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>A token the API refuses (401 invalid_token) is replaced once; a missing scope (403) is never retried.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class RefusedTokenTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_token_refused_after_its_signing_key_is_withdrawn_causes_one_token_request_and_one_retry()
    {
        // Rotating twice drops the key that signed the cached token from the JWKS (two keys are kept).
        var folder = fixture.NewDataFolder();
        var first = TrafficHost.Start(folder);
        var port = first.Port;
        await using var service = CallingService.For(first);
        await service.Api.ListAsync();
        await first.DisposeAsync();
        await TrafficHost.Start(folder, Rotate, port).DisposeAsync();
        await using var rotated = TrafficHost.Start(folder, Rotate, port);

        var page = await service.Api.ListAsync();

        page.Should().NotBeNull();
        rotated.Traffic().TokenRequestCount.Should().Be(1, "the refused token is replaced once");
        rotated.Traffic().ApiRequestCount.Should().Be(2, "the call is refused once, then retried once with the new token");
    }

    [Fact]
    public async Task An_insufficient_scope_is_a_clear_error_and_is_not_retried()
    {
        await using var service = CallingService.For(fixture.Host, new Dictionary<string, string?>
        {
            ["ClientId"] = "demo-reader",
            ["ClientSecret"] = "demo-reader-secret",
        });
        var (tokensBefore, callsBefore) = (fixture.Host.Traffic().TokenRequestCount, fixture.Host.Traffic().ApiRequestCount);

        var send = () => service.Api.SendAsync("the reader may not post");

        var error = (await send.Should().ThrowAsync<InsufficientScopeException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.RequiredScope.Should().Be("write:messages");
        error.Message.Should().Contain("write:messages").And.Contain("POST /api/messages");
        (fixture.Host.Traffic().ApiRequestCount - callsBefore).Should().Be(1, "a 403 is never retried");
        (fixture.Host.Traffic().TokenRequestCount - tokensBefore).Should().Be(1, "a new token would carry the same scopes");
    }

    [Fact]
    public async Task An_API_that_refuses_every_token_costs_one_token_request_per_cooldown_not_one_per_call()
    {
        // The API accepts only typ JWT; the development issuer signs at+jwt: every token is refused, invalid_token.
        await using var host = TrafficHost.Start(fixture.NewDataFolder(), new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:ValidTypes"] = "JWT",
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = CallingService.For(host, new Dictionary<string, string?> { ["RefusedTokenCooldown"] = "00:00:30" }, tokenClock: clock);

        var firstCalls = await RefusalsAsync(service, 5);
        var tokensInFirstCooldown = host.Traffic().TokenRequestCount;
        var callsInFirstCooldown = host.Traffic().ApiRequestCount;
        clock.Advance(TimeSpan.FromSeconds(29));
        var stillCooling = await RefusalsAsync(service, 3);
        var tokensBeforeCooldownEnds = host.Traffic().TokenRequestCount;
        var callsBeforeCooldownEnds = host.Traffic().ApiRequestCount;
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterCooldown = await RefusalsAsync(service, 3);

        firstCalls.Concat(stillCooling).Concat(afterCooldown).Should().AllSatisfy(e =>
        {
            e.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            e.Message.Should().Contain("401 Unauthorized");
        });
        tokensInFirstCooldown.Should().Be(2, "the first token, then one renewal after the first refusal; the four calls after it renew nothing");
        callsInFirstCooldown.Should().Be(6, "the first call is retried once with the new token; the others are not");
        tokensBeforeCooldownEnds.Should().Be(2, "29 s later the cooldown still holds");
        (callsBeforeCooldownEnds - callsInFirstCooldown).Should().Be(3, "inside the cooldown no call is retried");
        host.Traffic().TokenRequestCount.Should().Be(3, "once the cooldown has passed, one refusal renews the token once more, and only once");
        (host.Traffic().ApiRequestCount - callsBeforeCooldownEnds).Should().Be(4, "the call that renewed is retried once; the two after it are not");
    }

    private static async Task<List<ApiCallException>> RefusalsAsync(CallingService service, int calls)
    {
        var refusals = new List<ApiCallException>();
        for (var i = 0; i < calls; i++)
        {
            var call = () => service.Api.ListAsync();
            refusals.Add((await call.Should().ThrowAsync<ApiCallException>()).Which);
        }
        return refusals;
    }

    private static readonly Dictionary<string, string?> Rotate = new() { ["DevelopmentIssuer:RotateSigningKey"] = "true" };
}
