using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Proxies;

/// <summary>
/// Behind a TLS-terminating proxy: X-Forwarded-Proto and X-Forwarded-For count only when turned on and
/// only from the configured proxies; X-Forwarded-Host never; AllowedHosts refuses other host names.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReverseProxyTests(ApiFixture api)
{
    private const string Client = "203.0.113.7";

    public static TheoryData<string, string> Believed => new()
    {
        { "10.0.0.5", "a configured proxy address" },
        { "192.168.40.2", "an address in a configured proxy network" },
    };

    [Theory]
    [MemberData(nameof(Believed))]
    public async Task With_forwarded_headers_on_a_configured_proxy_makes_the_request_https_from_the_client_it_names(string proxy, string because)
    {
        await using var factory = BehindProxy();

        var context = await SendViaAsync(factory, proxy);

        context.Request.Scheme.Should().Be("https", because);
        context.Request.IsHttps.Should().BeTrue();
        context.Connection.RemoteIpAddress.Should().Be(IPAddress.Parse(Client));
        context.Request.Host.Value.Should().Be("localhost", "X-Forwarded-Host is never read");
    }

    [Theory]
    [InlineData("10.0.0.6")]
    [InlineData("127.0.0.1")] // the configured proxies replace the loopback default
    public async Task Forwarded_headers_from_any_other_address_are_ignored(string sender)
    {
        await using var factory = BehindProxy();

        var context = await SendViaAsync(factory, sender);

        context.Request.Scheme.Should().Be("http");
        context.Connection.RemoteIpAddress.Should().Be(IPAddress.Parse(sender));
    }

    [Theory]
    [InlineData("127.0.0.1", "https")]
    [InlineData("10.0.0.5", "http")]
    public async Task With_forwarded_headers_on_and_no_proxy_named_only_a_proxy_on_this_machine_is_believed(string sender, string scheme)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true" });

        var context = await SendViaAsync(factory, sender);

        context.Request.Scheme.Should().Be(scheme);
    }

    [Fact]
    public async Task By_default_forwarded_headers_are_ignored_even_from_loopback()
    {
        var context = await SendViaAsync(api.Factory, "127.0.0.1");

        context.Request.Scheme.Should().Be("http");
        context.Connection.RemoteIpAddress.Should().Be(IPAddress.Loopback);
    }

    [Fact]
    public async Task AllowedHosts_refuses_a_request_for_another_host_name()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["AllowedHosts"] = "api.example.com" });
        using var client = factory.CreateClient();

        using var other = await client.GetAsync("/health");
        using var allowed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "api.example.com" } });

        other.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private ApiHost BehindProxy() => api.CreateFactory(new Dictionary<string, string?>
    {
        ["ForwardedHeaders:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        ["ForwardedHeaders:KnownNetworks:0"] = "192.168.0.0/16",
    });

    // The request as the app's pipeline leaves it: what every endpoint would have seen.
    private static Task<HttpContext> SendViaAsync(WebApplicationFactory<Program> factory, string sender) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/health";
            context.Connection.RemoteIpAddress = IPAddress.Parse(sender);
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            context.Request.Headers["X-Forwarded-For"] = Client;
            context.Request.Headers["X-Forwarded-Host"] = "attacker.example";
        });
}
