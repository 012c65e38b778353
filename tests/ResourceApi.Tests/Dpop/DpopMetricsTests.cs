using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>DPoP refusals are counted by reason in <c>resourceapi.token.validations</c>, and never log a token or a proof.</summary>
[Collection(ApiCollection.Name)]
public sealed class DpopMetricsTests(ApiFixture api)
{
    [Fact]
    public async Task DPoP_refusals_are_counted_by_reason_and_no_log_line_carries_the_token_or_the_proof()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var meterFactory = dpop.Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var validations = new MetricCollector<long>(meterFactory, AuthenticationMetrics.MeterName, "resourceapi.token.validations");
        var token = dpop.BoundToken();
        var proof = dpop.Proof(token).Build();

        (await dpop.SendAsync(token, proof)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await dpop.SendAsync(token, proof)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await dpop.SendAsync(token, dpop.Proof(token, method: "POST").Build())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await dpop.SendAsync(token, dpop.Proof(token, key: DpopProof.CreateEc()).Build())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await dpop.SendAsync(token, proof: null, scheme: "Bearer")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var measured = validations.GetMeasurementSnapshot();
        Count(measured, "accepted", "valid").Should().Be(1);
        Count(measured, "refused", "dpop_replayed").Should().Be(1);
        Count(measured, "refused", "dpop_htm").Should().Be(1);
        Count(measured, "refused", "dpop_binding").Should().Be(1);
        Count(measured, "refused", "dpop_bound_as_bearer").Should().Be(1);
        dpop.Factory.Logs.Entries.Should().Contain(e => e.Message.Contains("invalid_dpop_proof", StringComparison.Ordinal));
        dpop.Factory.Logs.Entries.Should().NotContain(e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains(proof, StringComparison.Ordinal));
    }

    private static long Count(IReadOnlyList<CollectedMeasurement<long>> measured, string outcome, string reason) =>
        measured.Where(m => Equals(m.Tags["outcome"], outcome) && Equals(m.Tags["reason"], reason)).Sum(m => m.Value);
}
