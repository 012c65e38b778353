using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// Each preset against its IdP's own token shapes, with only the recipe's settings, one API host per
/// IdP under <c>Authentication:Schemes:Bearer</c>: the preset × check table in the README.
/// </summary>
public sealed class PresetTests(PresetHosts hosts) : PresetChecks(hosts), IClassFixture<PresetHosts>
{
    protected override ApiHost HostFor(string preset) => Hosts.For(preset);
}

/// <summary>The same eight checks for every preset, against whichever host a subclass names.</summary>
public abstract class PresetChecks(PresetHosts hosts)
{
    protected PresetHosts Hosts => hosts;

    protected abstract ApiHost HostFor(string preset);

    private const string Read = "read:messages";
    private const string Write = "write:messages";

    public static TheoryData<string> Presets => new() { "Auth0", "EntraId", "Keycloak", "Duende", "OpenIddict" };

    [Theory, MemberData(nameof(Presets))]
    public async Task A_reader_token_reads_messages(string preset)
    {
        using var response = await Call(preset, [Read]).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task A_writer_token_posts_a_message(string preset)
    {
        using var response = await Call(preset, [Read, Write]).PostAsJsonAsync("/api/messages", new { text = $"from {preset}" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdBy").GetString().Should().Be(hosts.Idps.Shape(preset).ClientId);
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task A_reader_token_gets_403_insufficient_scope_on_post(string preset)
    {
        using var response = await Call(preset, [Read]).PostAsJsonAsync("/api/messages", new { text = "no" });

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Forbidden);
        bearer.Error.Should().Be("insufficient_scope");
        bearer.Parameters["scope"].Should().Be(Write);
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task A_token_with_no_permission_gets_403(string preset)
    {
        using var response = await Call(preset, []).GetAsync("/api/messages");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Forbidden);
        bearer.Error.Should().Be("insufficient_scope");
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task A_token_for_another_audience_gets_401(string preset)
    {
        var token = hosts.Idps.Shape(preset).AccessToken([Read], audience: "https://someone-else.example");

        using var response = await PresetHosts.Client(HostFor(preset), token).GetAsync("/api/messages");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Error.Should().Be("invalid_token");
        bearer.Description.Should().Contain("audience");
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task The_idps_id_token_gets_401_even_on_api_me(string preset)
    {
        var token = hosts.Idps.Shape(preset).IdToken();

        using var response = await PresetHosts.Client(HostFor(preset), token).GetAsync("/api/me");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Error.Should().Be("invalid_token");
        bearer.Description.Should().MatchRegex("ID token|at\\+jwt");
    }

    // The shape of an ID token for an app whose roles are assigned to users: right iss and aud, permissions,
    // no client. RFC 9068 section 2.2: an access token names its client.
    [Theory, MemberData(nameof(Presets))]
    public async Task A_token_naming_no_client_gets_401_on_every_endpoint_even_with_permissions(string preset)
    {
        var shape = hosts.Idps.Shape(preset);
        using var client = PresetHosts.Client(HostFor(preset), shape.AccessTokenWithout(shape.ClientClaims, [Read, Write]));

        foreach (var path in new[] { "/api/messages", "/api/me" })
        {
            using var response = await client.GetAsync(path);

            var bearer = await BearerResponse.ReadAsync(response);
            bearer.Status.Should().Be(HttpStatusCode.Unauthorized, path);
            bearer.Error.Should().Be("invalid_token");
            bearer.Description.Should().Contain("names no calling client").And.ContainAll(shape.ClientClaims);
            bearer.ContentType.Should().Be("application/problem+json");
        }
    }

    [Theory, MemberData(nameof(Presets))]
    public async Task Api_me_names_the_client_its_issuer_audience_and_scopes(string preset)
    {
        var shape = hosts.Idps.Shape(preset);

        var me = await Call(preset, [Read]).GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("clientId").GetString().Should().Be(shape.ClientId);
        me.GetProperty("issuer").GetString().Should().Be(shape.TokenIssuer);
        me.GetProperty("audiences").EnumerateArray().Should().ContainSingle();
        me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Contain(Read).And.NotContain(Write);
        me.GetProperty("expiresAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow);
    }

    private HttpClient Call(string preset, string[] permissions) =>
        PresetHosts.Client(HostFor(preset), hosts.Idps.Shape(preset).AccessToken(permissions));
}
