using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>
/// How a token finds the scheme that checks it when several issuers are trusted: exact issuers before
/// multi-tenant patterns, and a token from an issuer nobody configured refused like any other token,
/// counted and summarized, never a log line of its own above Debug.
/// </summary>
public sealed class IssuerSelectionTests(PresetHosts hosts) : IClassFixture<PresetHosts>
{
    private const string Read = "read:messages";

    [Fact]
    public async Task A_single_tenant_scheme_gets_its_tokens_even_when_a_multi_tenant_scheme_comes_first()
    {
        // Bearer: Entra multi-tenant (organizations), allowing another tenant only. Contoso: Entra, single tenant.
        var factory = hosts.Host("entra-multi-and-single", () =>
        {
            var settings = hosts.Idps.EntraIdMultiTenant.Settings("Bearer");
            settings["Authentication:Schemes:Bearer:AllowedTenants:0"] = EntraIdShape.OtherTenant;
            foreach (var (key, value) in hosts.Idps.EntraId.Settings("Contoso"))
            {
                settings[key] = value;
            }
            return settings;
        });
        var meters = factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var validations = new MetricCollector<long>(meters, AuthenticationMetrics.MeterName, "resourceapi.token.validations");

        using var singleTenant = await PresetHosts.Client(factory, hosts.Idps.EntraId.AccessToken([Read])).GetAsync("/api/messages");
        using var multiTenant = await PresetHosts.Client(factory, hosts.Idps.EntraIdMultiTenant.AccessToken([Read], null, EntraIdShape.OtherTenant)).GetAsync("/api/messages");

        singleTenant.StatusCode.Should().Be(HttpStatusCode.OK, "the token's iss equals Contoso's issuer exactly, which wins over Bearer's organizations pattern");
        multiTenant.StatusCode.Should().Be(HttpStatusCode.OK);
        validations.GetMeasurementSnapshot().Where(m => Equals(m.Tags["outcome"], "accepted")).Select(m => m.Tags["scheme"])
            .Should().BeEquivalentTo(["Contoso", "Bearer"], "each token is counted under the scheme that checked it");
    }

    [Fact]
    public async Task Tokens_from_an_unknown_issuer_are_counted_summarized_and_logged_at_Debug_only()
    {
        var factory = hosts.Host("two-issuers", () => new(hosts.Idps.Duende.Settings("Bearer").Concat(hosts.Idps.Auth0.Settings("Auth0"))));
        var meters = factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var validations = new MetricCollector<long>(meters, AuthenticationMetrics.MeterName, "resourceapi.token.validations");
        var summary = factory.Services.GetRequiredService<RefusalSummary>();
        summary.Flush();
        var unknown = hosts.Idps.Unknown;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        for (var i = 0; i < 20; i++)
        {
            var token = unknown.Sign(new() { ["typ"] = "at+jwt" }, new()
            {
                ["iss"] = unknown.Issuer, ["aud"] = "resource-api", ["client_id"] = $"intruder-{i}", ["scope"] = Read, ["iat"] = now, ["exp"] = now + 300,
            });
            using var response = await PresetHosts.Client(factory, token).GetAsync("/api/messages");
            var bearer = await BearerResponse.ReadAsync(response);
            bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
            bearer.Error.Should().Be("invalid_token");
        }

        validations.GetMeasurementSnapshot().Where(m => Equals(m.Tags["reason"], "untrusted_issuer") && Equals(m.Tags["outcome"], "refused"))
            .Sum(m => m.Value).Should().Be(20);
        factory.Logs.Entries.Where(e => e.Message.Contains("issuer (iss) is not configured", StringComparison.Ordinal))
            .Should().HaveCount(20).And.OnlyContain(e => e.Level == LogLevel.Debug, "one line per refusal is Debug; the Warning is the summary");
        summary.Flush().Should().BeTrue();
        factory.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.StartsWith("20 bearer requests refused", StringComparison.Ordinal)
            && e.Message.Contains("untrusted_issuer 20", StringComparison.Ordinal));
    }
}
