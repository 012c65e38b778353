using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ResourceApi.Client.Tests.Infrastructure;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Tests;

/// <summary>5xx and unreachable servers: backoff then success, or a clear error within IssuerTimeout (issuer) or ApiTimeout (API).</summary>
[Collection(ApiHostCollection.Name)]
public sealed class TransientFailureTests(ApiHostFixture fixture)
{
    private static readonly TimeSpan IssuerTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_API_that_answers_503_is_retried_with_backoff_until_it_answers()
    {
        await using var service = CallingService.For(fixture.Host);
        var (tokensBefore, callsBefore) = (fixture.Host.Traffic().TokenRequestCount, fixture.Host.Traffic().ApiRequestCount);
        fixture.Host.Traffic().FailNext("/api", 2);

        var page = await service.Api.ListAsync();

        page.Should().NotBeNull();
        (fixture.Host.Traffic().ApiRequestCount - callsBefore).Should().Be(3, "two 503s, then the answer");
        (fixture.Host.Traffic().TokenRequestCount - tokensBefore).Should().Be(1, "a 503 says nothing against the token");
    }

    [Fact]
    public async Task An_issuer_that_answers_503_is_retried_until_it_issues_the_token()
    {
        await using var service = CallingService.For(fixture.Host);
        var (tokensBefore, callsBefore) = (fixture.Host.Traffic().TokenRequestCount, fixture.Host.Traffic().ApiRequestCount);
        fixture.Host.Traffic().FailNext("/oauth/token", 2);

        var caller = await service.Api.WhoAmIAsync();

        caller.ClientId.Should().Be("demo-writer");
        (fixture.Host.Traffic().TokenRequestCount - tokensBefore).Should().Be(3, "two 503s, then the token");
        (fixture.Host.Traffic().ApiRequestCount - callsBefore).Should().Be(1);
    }

    [Fact]
    public async Task An_issuer_that_refuses_connections_is_a_clear_error_within_IssuerTimeout()
    {
        var closedPort = LoopbackPort.Unused();
        await using var service = CallingService.For($"http://127.0.0.1:{closedPort}/", fixture.Host.BaseUrl,
            new Dictionary<string, string?> { ["IssuerTimeout"] = IssuerTimeout.ToString() });
        var callsBefore = fixture.Host.Traffic().ApiRequestCount;
        var clock = Stopwatch.StartNew();

        var call = () => service.Api.ListAsync();

        var error = (await call.Should().ThrowAsync<TokenRequestException>()).Which;
        clock.Elapsed.Should().BeLessThan(IssuerTimeout + TimeSpan.FromSeconds(5), "IssuerTimeout bounds the wait, retries included");
        (fixture.Host.Traffic().ApiRequestCount - callsBefore).Should().Be(0, "no call goes out without a token");
        error.Message.Should().Contain($"127.0.0.1:{closedPort}").And.Contain("could not be reached");
    }

    [Fact]
    public async Task An_issuer_that_accepts_connections_but_never_answers_is_a_clear_error_within_IssuerTimeout()
    {
        // The kernel completes the connection from the backlog; nothing ever reads or answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var service = CallingService.For($"http://127.0.0.1:{port}/", fixture.Host.BaseUrl,
            new Dictionary<string, string?> { ["IssuerTimeout"] = IssuerTimeout.ToString() });
        var callsBefore = fixture.Host.Traffic().ApiRequestCount;
        var clock = Stopwatch.StartNew();

        var call = () => service.Api.ListAsync();

        var error = (await call.Should().ThrowAsync<TokenRequestException>()).Which;
        clock.Elapsed.Should().BeLessThan(IssuerTimeout + TimeSpan.FromSeconds(5), "a hung issuer is bounded like a dead one");
        (fixture.Host.Traffic().ApiRequestCount - callsBefore).Should().Be(0);
        error.Message.Should().Contain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task An_API_that_accepts_connections_but_never_answers_fails_the_call_within_ApiTimeout()
    {
        var apiTimeout = TimeSpan.FromSeconds(2);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var service = CallingService.For(fixture.Host.BaseUrl + "/", $"http://127.0.0.1:{port}",
            new Dictionary<string, string?> { ["ApiTimeout"] = apiTimeout.ToString() });
        var clock = Stopwatch.StartNew();

        var call = () => service.Api.ListAsync();

        var error = (await call.Should().ThrowAsync<Exception>()).Which;
        error.Should().NotBeOfType<TokenRequestException>("the token came from the real issuer; the API is what hangs");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(apiTimeout / 2, "the call waited on the API before giving up");
        clock.Elapsed.Should().BeLessThan(apiTimeout + TimeSpan.FromSeconds(5), "ApiTimeout bounds one call, retries included, so a hung API never hangs the caller");
    }
}
