using System.Net;
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

    private static readonly Dictionary<string, string?> Rotate = new() { ["DevelopmentIssuer:RotateSigningKey"] = "true" };
}
