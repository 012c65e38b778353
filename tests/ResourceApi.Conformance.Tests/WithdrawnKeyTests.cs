using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;
using ResourceApi.Conformance.Tests.Infrastructure;

namespace ResourceApi.Conformance.Tests;

/// <summary>--long's check, against this API refreshing its keys every 2 s (its AutomaticRefreshInterval), so it takes seconds, not minutes.</summary>
public sealed class WithdrawnKeyTests
{
    [Fact]
    public async Task With_long_a_key_the_issuer_withdraws_is_refused_within_the_bound()
    {
        var folder = KitRuns.NewFolder();
        await using var issuer = await KitIssuer.StartAsync(0);
        await using var api = KitRuns.ThisApi(issuer, folder, new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:AutomaticRefreshInterval"] = "00:00:02",
        });
        var options = KitRuns.Options(api.BaseUrl) with
        {
            Long = true,
            // The API's bound is its 2 s interval plus one fetch; the rest is slack for two busy cores.
            WithdrawalBound = TimeSpan.FromSeconds(15),
            Only = new HashSet<string> { "valid-token", "key-rotated-in", "withdrawn-key" },
        };

        var report = await ConformanceRunner.RunAsync(options, issuer);

        report.Results.Select(r => r.Id).Should().Equal("valid-token", "key-rotated-in", "withdrawn-key");
        report["withdrawn-key"].Outcome.Should().Be(Outcome.Pass, report["withdrawn-key"].Verdict.Detail);
        report["withdrawn-key"].Verdict.Detail.Should().MatchRegex(@"^refused [\d.]+ s after withdrawal \(bound 0\.25 min\): 401 invalid_token$");
        KitRuns.Delete(folder);
    }
}
