using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResourceApi.Development;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// The start-up banner of `dotnet run`: printed once after "Now listening", from the address actually listened on,
/// and its two commands, run as a newcomer pastes them (sh and curl), get a token and a 200 from the API.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class DevelopmentBannerTests(DevelopmentIssuerFixture issuer)
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_banner_is_printed_once_after_Now_listening_with_the_listened_address_Swagger_UI_and_every_demo_client()
    {
        var entries = issuer.Host.Logs.Entries;
        var listening = entries.ToList().FindIndex(e => e.Message.StartsWith("Now listening on: ", StringComparison.Ordinal));
        var banners = entries.Select((e, i) => (e, i)).Where(x => x.e.Category == typeof(DevelopmentBanner).FullName).ToList();

        banners.Should().ContainSingle();
        listening.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(banners[0].i);
        var banner = banners[0].e.Message;
        banner.Should().Contain($"Swagger UI: {issuer.Host.BaseUrl}/swagger");
        foreach (var (client, (secret, scopes)) in DevelopmentIssuerFixture.Clients)
        {
            banner.Should().Contain($"{client} (secret {secret}): {scopes}");
        }
    }

    [Fact]
    public async Task The_banner_s_two_commands_pasted_into_a_shell_get_a_token_and_a_200_from_the_api()
    {
        var banner = issuer.Host.Logs.Entries.Single(e => e.Category == typeof(DevelopmentBanner).FullName).Message;
        var lines = banner.Split('\n');
        var getToken = lines[Array.IndexOf(lines, "Get a token:") + 1].Trim();
        var callApi = lines[Array.IndexOf(lines, "Call the API with it:") + 1].Trim();

        var (exitCode, output) = await ExternalProcess.RunAsync("/bin/sh", ["-c", $"{getToken}\n{callApi}"], Path.GetTempPath(), CommandLimit);

        getToken.Should().StartWith($"TOKEN=$(curl -s -X POST {issuer.Host.BaseUrl}/oauth/token ").And.Contain("client_id=demo-reader");
        callApi.Should().Be($"curl -i {issuer.Host.BaseUrl}/api/messages -H \"Authorization: Bearer $TOKEN\"");
        exitCode.Should().Be(0, output);
        output.Should().StartWith("HTTP/1.1 200 OK").And.Contain("\"items\"");
    }

    [Fact]
    public async Task Outside_Development_there_is_no_banner_even_listening_on_a_port()
    {
        await using var trusted = await TestIssuer.StartAsync();
        await using var production = new ApiHost(ApiHost.SettingsFor(trusted, Path.Combine(issuer.NewDataFolder(), "messages.db"))).ListenOnLoopback();

        production.Services.GetServices<IHostedService>().OfType<DevelopmentBanner>().Should().BeEmpty();
        production.Logs.Entries.Should().Contain(e => e.Message.StartsWith("Now listening on: ", StringComparison.Ordinal))
            .And.NotContain(e => e.Category == typeof(DevelopmentBanner).FullName);
    }
}
