using System.Net;
using Microsoft.AspNetCore.Hosting;
using ResourceApi.Development;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// DNS rebinding: a page whose name now resolves to 127.0.0.1 sends its own name in Host. While the
/// development issuer runs, only loopback names are answered, so such a page gets no token.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class AllowedHostsTests(DevelopmentIssuerFixture issuer)
{
    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/api/messages")]
    public async Task A_request_addressed_to_another_name_gets_400_and_no_token(string path)
    {
        var (secret, _) = DevelopmentIssuerFixture.Clients["demo-admin"];
        using var request = TokenRequest(path, secret);
        request.Headers.Host = $"rebound.attacker.example:{issuer.Host.Port}";

        using var response = await issuer.Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("access_token").And.NotContain("token_endpoint");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("LOCALHOST")]
    public async Task A_request_addressed_to_a_loopback_name_gets_its_token(string name)
    {
        var (secret, _) = DevelopmentIssuerFixture.Clients["demo-reader"];
        using var request = TokenRequest("/oauth/token", secret, "demo-reader");
        request.Headers.Host = $"{name}:{issuer.Host.Port}";

        using var response = await issuer.Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("access_token");
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("localhost;127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost;api.example.com", false)]
    [InlineData("*.example.com", false)]
    public void Only_loopback_names_may_be_listed(string allowedHosts, bool accepted) =>
        LoopbackHostNames.Others(allowedHosts.Split(';')).Should().HaveCount(accepted ? 0 : 1);

    [Fact]
    public async Task With_the_development_issuer_the_app_refuses_to_start_when_AllowedHosts_names_another_host()
    {
        var folder = issuer.NewDataFolder();
        await using var host = new StartableHost(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "",
            ["DevelopmentIssuer:DataFolder"] = folder,
            ["ConnectionStrings:Messages"] = $"Data Source={Path.Combine(folder, "messages.db")}",
            ["AllowedHosts"] = "localhost;my-laptop.example",
        });

        var start = () => host.Start();

        start.Should().Throw<InvalidOperationException>()
            .WithMessage("*AllowedHosts names 'my-laptop.example'*Authentication:Schemes:Bearer:Authority*");
    }

    // POST with client credentials to the token endpoint; a plain GET elsewhere, which answers 200 or 401 on a loopback name.
    private static HttpRequestMessage TokenRequest(string path, string secret, string clientId = "demo-admin") => path != "/oauth/token"
        ? new(HttpMethod.Get, path)
        : new(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }),
        };

    private sealed class StartableHost(IReadOnlyDictionary<string, string?> settings) : ApiHost(settings, environment: "Development")
    {
        public void Start()
        {
            UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            StartServer();
        }
    }
}
