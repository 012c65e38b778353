using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// All five IdPs trusted at once by one API host: Duende under <c>Bearer</c>, the others each under
/// <c>Authentication:Schemes:{name}</c>. Every preset check holds on this host too (inherited), and a
/// token from an issuer nobody configured is refused without a single request to any issuer.
/// </summary>
public sealed class SeveralIssuersTests(PresetHosts hosts) : PresetChecks(hosts), IClassFixture<PresetHosts>
{
    protected override ApiHost HostFor(string preset) => Host("several");

    // A host of its own for the outbound count, so no scheme has fetched (and cached) its metadata before.
    private ApiHost Host(string key) => Hosts.Host(key, () =>
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, shape) in new[] { ("Bearer", Hosts.Idps.Duende), ("Auth0", Hosts.Idps.Auth0), ("Entra", Hosts.Idps.EntraId), ("Keycloak", Hosts.Idps.Keycloak), ("OpenIddict", Hosts.Idps.OpenIddict) })
        {
            foreach (var (key, value) in shape.Settings(name))
            {
                settings[key] = value;
            }
        }
        return settings;
    });

    [Fact]
    public async Task A_token_from_an_unconfigured_issuer_gets_401_with_no_outbound_request()
    {
        var factory = Host("several-untouched");
        var unknown = Hosts.Idps.Unknown;
        var token = unknown.Sign(new() { ["typ"] = "at+jwt" }, new()
        {
            ["iss"] = unknown.Issuer, ["aud"] = "resource-api", ["client_id"] = "intruder", ["scope"] = "read:messages",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300,
        });
        // Every scheme fetches its keys in the background once the host starts; count from when that is done.
        var before = await SettledRequestCountAsync();

        using var response = await PresetHosts.Client(factory, token).GetAsync("/api/messages");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Error.Should().Be("invalid_token");
        bearer.Description.Should().Contain("issuer");
        Hosts.Idps.All.Sum(i => i.MetadataRequests).Should().Be(before, "the issuer is chosen from configuration, before any metadata or key is fetched");
    }

    private async Task<int> SettledRequestCountAsync()
    {
        var count = Hosts.Idps.All.Sum(i => i.MetadataRequests);
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(150);
            var now = Hosts.Idps.All.Sum(i => i.MetadataRequests);
            quiet = now == count ? quiet + 1 : 0;
            count = now;
        }
        return count;
    }

    [Fact]
    public async Task A_token_whose_iss_names_one_issuer_but_is_signed_by_another_gets_401()
    {
        var auth0 = Hosts.Idps.Auth0;
        var forged = Hosts.Idps.Keycloak.Idp.Sign(new() { ["typ"] = "JWT" }, new()
        {
            ["iss"] = auth0.Idp.Issuer, ["aud"] = auth0.Audience, ["azp"] = auth0.ClientId, ["scope"] = "read:messages",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300,
        });

        using var response = await PresetHosts.Client(HostFor("Auth0"), forged).GetAsync("/api/messages");

        (await BearerResponse.ReadAsync(response)).Error.Should().Be("invalid_token");
    }

    [Fact]
    public async Task Protected_resource_metadata_lists_every_issuer()
    {
        var metadata = await PresetHosts.Client(HostFor("Duende"), null).GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource");

        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(
            [Hosts.Idps.Duende.Idp.Issuer, Hosts.Idps.Auth0.Idp.Issuer, Hosts.Idps.EntraId.Idp.Issuer, Hosts.Idps.Keycloak.Idp.Issuer, Hosts.Idps.OpenIddict.Idp.Issuer]);
    }
}
