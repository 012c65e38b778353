using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// Every token form of the five IdPs against an API in Production configured with the IdP's authority,
/// the audience and the preset alone: no second audience, no resource identifier. RFC 9728 metadata is on
/// only where that audience is an https URL (Auth0's); tokens are validated the same either way.
/// </summary>
public sealed class ThreeSettingsTests(PresetHosts hosts) : IClassFixture<PresetHosts>
{
    private const string Read = "read:messages";
    private const string MetadataPath = "/.well-known/oauth-protected-resource";

    public static TheoryData<string> Shapes => new()
    {
        "Auth0, default token profile",
        "Auth0, RFC 9068 token profile",
        "Entra ID v2 token, API configured by its api:// URI",
        "Entra ID v1 token, API configured by its api:// URI",
        "Entra ID v2 token, API configured by its bare app id",
        "Entra ID v1 token, API configured by its bare app id",
        "Entra ID multi-tenant (organizations) token",
        "Keycloak, client roles",
        "Keycloak, client scopes",
        "Duende IdentityServer",
        "OpenIddict",
    };

    [Fact]
    public void The_table_holds_every_token_shape_the_identity_providers_issue()
    {
        Shapes.Cast<object[]>().Select(row => (string)row[0]).Should().BeEquivalentTo(hosts.Idps.TokenShapes.Select(s => s.Name));
    }

    [Theory, MemberData(nameof(Shapes))]
    public async Task With_authority_audience_and_preset_alone_a_reader_token_gets_200_and_no_token_gets_401(string name)
    {
        var shape = hosts.Idps.TokenShape(name);
        var factory = Host(shape);

        using var reader = await PresetHosts.Client(factory, shape.AccessToken([Read])).GetAsync("/api/messages");
        using var anonymous = await PresetHosts.Client(factory, null).GetAsync("/api/messages");
        using var metadata = await PresetHosts.Client(factory, null).GetAsync(MetadataPath);

        factory.Services.GetRequiredService<IHostEnvironment>().EnvironmentName.Should().Be(Environments.Production);
        reader.StatusCode.Should().Be(HttpStatusCode.OK);
        var challenge = await BearerResponse.ReadAsync(anonymous);
        challenge.Status.Should().Be(HttpStatusCode.Unauthorized);
        if (shape.Idp.Audience.StartsWith("https://", StringComparison.Ordinal))
        {
            challenge.Challenge.Should().Be($"Bearer resource_metadata=\"{shape.Idp.Audience}{MetadataPath}\"");
            metadata.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        else
        {
            challenge.Challenge.Should().Be("Bearer", "with no https audience there is no resource identifier, so no metadata to point at");
            metadata.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_multi_tenant_entra_app_with_no_allowed_tenant_starts_and_refuses_every_tenant()
    {
        var entra = hosts.Idps.EntraIdMultiTenant;
        var factory = hosts.Host("three-settings multi-tenant, no tenant allowed", () => entra.Settings("Bearer"));

        using var response = await PresetHosts.Client(factory, entra.AccessToken([Read])).GetAsync("/api/messages");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Error.Should().Be("invalid_token");
        bearer.Description.Should().Contain("AllowedTenants");
    }

    // Exactly the three settings, plus what the form cannot do without (Needs); one host per configuration.
    private ApiHost Host(TokenShape shape)
    {
        var settings = shape.Idp.Settings("Bearer");
        settings.Keys.Should().BeEquivalentTo("Authentication:Schemes:Bearer:Authority", "Authentication:Schemes:Bearer:ValidAudiences:0", "Authentication:Schemes:Bearer:Preset");
        foreach (var (key, value) in shape.Needs ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return hosts.Host("three-settings " + string.Join(' ', settings.Values), () => settings);
    }
}
