using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>The issuer and audience forms a preset accepts beyond the plain one, and explicit settings over a preset.</summary>
public sealed class PresetFormsTests(PresetHosts hosts) : IClassFixture<PresetHosts>
{
    private const string Read = "read:messages";

    [Fact]
    public async Task Entra_v1_token_with_sts_issuer_and_api_uri_audience_reads()
    {
        var entra = (EntraIdShape)hosts.Idps.EntraId;

        using var response = await PresetHosts.Client(hosts.For("EntraId"), entra.V1AccessToken([Read])).GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(entra.ClientId);
    }

    [Fact]
    public async Task Entra_token_from_another_tenant_with_the_right_key_gets_401()
    {
        var entra = (EntraIdShape)hosts.Idps.EntraId;
        var token = entra.AccessToken([Read], null, EntraIdShape.OtherTenant);

        using var response = await PresetHosts.Client(hosts.For("EntraId"), token).GetAsync("/api/messages");

        (await BearerResponse.ReadAsync(response)).Error.Should().Be("invalid_token");
    }

    [Theory]
    [InlineData(EntraIdShape.OtherTenant, HttpStatusCode.OK)]
    [InlineData(EntraIdShape.Tenant, HttpStatusCode.Unauthorized)]
    public async Task Multi_tenant_entra_accepts_only_tenants_on_the_allow_list(string tenant, HttpStatusCode expected)
    {
        var factory = MultiTenant(allowAny: false);

        using var response = await PresetHosts.Client(factory, hosts.Idps.EntraIdMultiTenant.AccessToken([Read], null, tenant)).GetAsync("/api/messages");

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Unauthorized)
        {
            (await BearerResponse.ReadAsync(response)).Description.Should().Contain("tenant (tid)");
        }
    }

    [Fact]
    public async Task Multi_tenant_entra_accepts_any_tenant_only_when_told_so()
    {
        using var response = await PresetHosts.Client(MultiTenant(allowAny: true), hosts.Idps.EntraIdMultiTenant.AccessToken([Read], null, EntraIdShape.Tenant)).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Explicit_settings_override_the_preset()
    {
        // Auth0 preset, but the team allows only at+jwt (Auth0's RFC 9068 profile): a typ JWT token is refused.
        var auth0 = hosts.Idps.Auth0;
        var factory = hosts.Host("auth0-rfc9068", () => new(auth0.Settings("Bearer")) { ["Authentication:Schemes:Bearer:ValidTypes"] = "at+jwt" });

        using var response = await PresetHosts.Client(factory, auth0.AccessToken([Read])).GetAsync("/api/messages");

        (await BearerResponse.ReadAsync(response)).Description.Should().Contain("typ");
    }

    [Fact]
    public async Task Auth0_rbac_permissions_alone_grant_scopes()
    {
        var auth0 = hosts.Idps.Auth0;
        var token = auth0.Idp.Sign(new() { ["typ"] = "JWT" }, new()
        {
            ["iss"] = auth0.Idp.Issuer, ["sub"] = auth0.ClientId + "@clients", ["aud"] = auth0.Audience, ["azp"] = auth0.ClientId,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600,
            ["gty"] = "client-credentials", ["permissions"] = new[] { Read },
        });

        using var response = await PresetHosts.Client(hosts.For("Auth0"), token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private ApiHost MultiTenant(bool allowAny) => hosts.Host($"entra-multi-{allowAny}", () =>
    {
        var settings = hosts.Idps.EntraIdMultiTenant.Settings("Bearer");
        settings["Authentication:Schemes:Bearer:AllowedTenants:0"] = EntraIdShape.OtherTenant;
        settings["Authentication:Schemes:Bearer:AllowAnyTenant"] = allowAny ? "true" : null;
        return settings;
    });
}
