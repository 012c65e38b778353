using System.Net;
using Microsoft.AspNetCore.Hosting;
using ResourceApi.Development;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

[Collection(DevelopmentIssuerCollection.Name)]
public sealed class LoopbackOnlyTests(DevelopmentIssuerFixture issuer)
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://my-laptop:5080", false)]
    public void Only_loopback_addresses_count_as_local(string address, bool loopback) =>
        LoopbackAddresses.IsLoopback(address).Should().Be(loopback);

    [Fact]
    public async Task With_the_development_issuer_the_app_refuses_to_start_on_a_network_address_and_says_how_to_fix_it()
    {
        var folder = issuer.NewDataFolder();
        await using var host = new NetworkHost(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "",
            ["DevelopmentIssuer:DataFolder"] = folder,
            ["ConnectionStrings:Messages"] = $"Data Source={Path.Combine(folder, "messages.db")}",
            ["urls"] = "http://0.0.0.0:0",
        });

        var start = () => host.Start();

        start.Should().Throw<InvalidOperationException>()
            .WithMessage("*listens on http://0.0.0.0:0*--urls http://127.0.0.1:5080*Authentication:Schemes:Bearer:Authority*");
    }

    [Fact]
    public async Task The_signing_key_file_and_its_folder_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var folder = Path.Combine(issuer.NewDataFolder(), "keys-here");
        await using var host = ApiHost.StartDevelopment(folder);
        using var token = await host.CreateClient().GetAsync("/.well-known/openid-configuration");
        token.StatusCode.Should().Be(HttpStatusCode.OK);

        File.GetUnixFileMode(Path.Combine(folder, "development-issuer-signing-keys.json"))
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private sealed class NetworkHost(IReadOnlyDictionary<string, string?> settings) : ApiHost(settings, environment: "Development")
    {
        public void Start()
        {
            UseKestrel();
            StartServer();
        }
    }
}
