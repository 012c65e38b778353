using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Tests.Infrastructure;

namespace ResourceApi.Conformance.Tests;

/// <summary>The kit against this repository's API in Production, trusting the kit's issuer with the two settings it prints.</summary>
public sealed class ThisApiTests(KitAgainstThisApi run) : IClassFixture<KitAgainstThisApi>
{
    [Fact]
    public void Every_MUST_check_passes_against_this_API_in_Production()
    {
        var musts = CheckCatalog.All.Count(c => c.Level == CheckLevel.Must);

        run.Report.Conforms.Should().BeTrue(string.Join("; ", run.Report.Results.Where(r => r.FailsConformance).Select(r => $"{r.Id}: {r.Verdict.Detail}")));
        run.Report.Count(CheckLevel.Must, Outcome.Pass).Should().Be(musts, "no MUST check is skipped against this API: it serves RFC 9728 metadata and advertises DPoP (Dpop:Mode Allowed by default)");
    }

    [Fact]
    public void Every_SHOULD_and_INFO_check_passes_too_except_the_long_run()
    {
        run.Report.Results.Where(r => r.Outcome == Outcome.Fail).Select(r => $"{r.Id}: {r.Verdict.Detail}").Should().BeEmpty();
        run.Report.Results.Where(r => r.Outcome == Outcome.Skipped).Select(r => r.Id).Should().BeEquivalentTo(["withdrawn-key"]);
    }

    [Fact]
    public void The_DPoP_checks_run_because_the_API_advertises_DPoP_and_pass()
    {
        var dpop = CheckCatalog.All.Where(c => c.Family == "DPoP").Select(c => c.Id).ToList();

        dpop.Should().NotBeEmpty();
        dpop.Select(id => (id, run.Report[id].Outcome)).Should().AllSatisfy(r => r.Outcome.Should().Be(Outcome.Pass, r.id));
    }

    [Fact]
    public async Task With_dpop_forced_an_API_without_DPoP_fails_the_DPoP_checks_it_cannot_pass()
    {
        var folder = KitRuns.NewFolder();
        await using var withoutDpop = KitRuns.ThisApi(run.Issuer, folder, new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:Mode"] = "Disabled" });
        var options = KitRuns.Options(withoutDpop.BaseUrl) with
        {
            Dpop = true,
            Only = CheckCatalog.All.Where(c => c.Family == "DPoP").Select(c => c.Id).Append("valid-token").ToHashSet(),
        };

        var report = await ConformanceRunner.RunAsync(options, run.Issuer);

        report["dpop-advertised"].Outcome.Should().Be(Outcome.Skipped);
        report["dpop-accepted"].Verdict.Should().Be(Verdict.Fail("refused: 401"), "the DPoP scheme is not one this API reads: no token, so a bare challenge");
        report["dpop-bound-as-bearer"].Verdict.Should().Be(Verdict.Fail("ACCEPTED (200)"), "without DPoP, cnf is just a claim");
        report["dpop-replay"].Verdict.Detail.Should().StartWith("the first use was refused: 401");
        report.Conforms.Should().BeFalse();
        KitRuns.Delete(folder);
    }

    [Fact]
    public void The_answers_are_the_ones_RFC_6750_RFC_9728_and_the_key_bounds_name()
    {
        Detail("bad-token-invalid-token").Should().MatchRegex(@"^(\d+)/\1 refusals: 401 invalid_token$");
        Detail("insufficient-scope-names-it").Should().Be("scope=\"read:messages\"");
        Detail("write-scope-403").Should().Be("403 insufficient_scope");
        Detail("malformed-400").Should().Be("4/4: 400 invalid_request");
        Detail("no-token-challenge").Should().StartWith($"401, Bearer resource_metadata=\"{KitRuns.Audience}/.well-known/oauth-protected-resource\" | DPoP");
        Detail("metadata-resource").Should().Be($"resource=\"{KitRuns.Audience}\"");
        Detail("key-rotated-in").Should().StartWith("first request 200");
        Detail("unknown-kid-flood").Should().MatchRegex(@"^50 tokens: 0 not refused, [0-2] JWKS fetches \(bound 2\)$");
        Detail("no-token-echo").Should().StartWith("0 of ");
    }

    private string Detail(string id) => run.Report[id].Verdict.Detail;
}
