using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;
using ResourceApi.Conformance.Tests.Infrastructure;

namespace ResourceApi.Conformance.Tests;

/// <summary>An API that refuses the kit's valid token (set up for another audience) cannot pass by refusing everything.</summary>
public sealed class BaselineTests
{
    [Fact]
    public async Task An_API_that_refuses_a_valid_token_fails_the_baseline_and_no_refusal_check_counts_as_passed()
    {
        await using var issuer = await KitIssuer.StartAsync(0);
        await using var api = await StockQuickstart.StartAsync(issuer.BaseUrl, "https://somebody-else.example");

        var report = await ConformanceRunner.RunAsync(KitRuns.Options(api.BaseUrl), issuer);

        report.Conforms.Should().BeFalse();
        report["valid-token"].Outcome.Should().Be(Outcome.Fail);
        report["valid-token"].Verdict.Detail.Should().StartWith("refused: 401 invalid_token").And.Contain($"its audience {KitRuns.Audience}");
        report.Results.Skip(1).Should().OnlyContain(r => r.Outcome == Outcome.Skipped && r.Verdict.Detail == "not run: valid-token failed");
    }
}
