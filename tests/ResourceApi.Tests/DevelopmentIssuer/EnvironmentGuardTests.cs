using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>The development issuer cannot be switched on outside Development, whatever the settings say.</summary>
[Collection(ApiCollection.Name)]
public sealed class EnvironmentGuardTests(ApiFixture api)
{
    private static readonly Dictionary<string, string?> IssuerSettings = new()
    {
        ["DevelopmentIssuer:Clients:intruder:Secret"] = "intruder-secret",
        ["DevelopmentIssuer:Clients:intruder:Scopes:0"] = "delete:messages",
        ["DevelopmentIssuer:Issuer"] = "http://localhost/",
    };

    [Theory]
    [InlineData("POST", "/oauth/token")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("GET", "/.well-known/oauth-authorization-server")]
    [InlineData("GET", "/.well-known/jwks.json")]
    public async Task In_Production_the_issuer_endpoints_do_not_exist_even_with_issuer_settings(string method, string path)
    {
        await using var factory = api.CreateFactory(IssuerSettings);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST"
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "intruder", ["client_secret"] = "intruder-secret" })
                : null,
        };

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.NotFound);
        body.Should().NotContain("access_token").And.NotContain("jwks_uri");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void AddDevelopmentIssuer_throws_outside_Development(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });

        var act = () => builder.AddDevelopmentIssuer(_ => new ProtectedApi(["https://resource-api.example"], ["read:messages"]));

        act.Should().Throw<InvalidOperationException>().WithMessage("*only runs in the Development environment*");
        builder.Environment.IsDevelopment().Should().BeFalse();
    }
}
