using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceApi.Client.Configuration;
using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>Settings that cannot work stop the service before any request, naming the key to set.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("ClientSecret", null, "ResourceApiClient:ClientSecret is empty")]
    [InlineData("ClientAuthentication", "client_secret_jwt", "ResourceApiClient:ClientAuthentication must be")]
    [InlineData("Authority", "http://issuer.example/", "ResourceApiClient:Authority may use http only on a loopback host")]
    [InlineData("RefusedTokenCooldown", "-00:00:01", "ResourceApiClient:RefusedTokenCooldown must not be negative")]
    public async Task A_setting_that_cannot_work_names_the_key_to_set(string key, string? value, string message)
    {
        await using var service = CallingService.For("http://127.0.0.1:1/", "http://127.0.0.1:1", new Dictionary<string, string?> { [key] = value });

        var resolve = () => service.Api;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_private_key_file_that_does_not_exist_is_named()
    {
        await using var service = CallingService.For("http://127.0.0.1:1/", "http://127.0.0.1:1", new Dictionary<string, string?>
        {
            ["ClientAuthentication"] = "private_key_jwt",
            ["PrivateKeyFile"] = "missing.pem",
        });

        var resolve = () => service.Api;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("ResourceApiClient:PrivateKeyFile names").And.Contain("missing.pem");
    }

    [Fact]
    public async Task A_DPoP_key_file_that_does_not_exist_is_named()
    {
        await using var service = CallingService.For("http://127.0.0.1:1/", "http://127.0.0.1:1", new Dictionary<string, string?>
        {
            ["Dpop:Enabled"] = "true",
            ["Dpop:PrivateKeyFile"] = "missing-dpop.pem",
        });

        var resolve = () => service.Api;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("ResourceApiClient:Dpop:PrivateKeyFile names").And.Contain("missing-dpop.pem");
    }
}
