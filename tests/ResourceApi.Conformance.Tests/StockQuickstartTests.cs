using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Tests.Infrastructure;

namespace ResourceApi.Conformance.Tests;

/// <summary>
/// The kit against a stock JwtBearer quickstart: it must fail, on the checks stock really gets wrong, and pass
/// the ones stock gets right, or it would prove nothing about the API above.
/// </summary>
public sealed class StockQuickstartTests(KitAgainstStock run) : IClassFixture<KitAgainstStock>
{
    /// <summary>What stock accepts that RFC 9068 and RFC 7515 say a resource server must refuse.</summary>
    public static readonly string[] FailingMusts = ["unknown-crit", "typ-jwt", "typ-missing", "id-token"];

    [Fact]
    public void The_stock_quickstart_does_not_conform_and_exactly_the_MUST_checks_stock_gets_wrong_fail()
    {
        run.Report.Conforms.Should().BeFalse();
        run.Report.Results.Where(r => r.FailsConformance).Select(r => r.Id).Should().BeEquivalentTo(FailingMusts);
    }

    [Fact]
    public void Each_failure_says_what_stock_did()
    {
        Detail("typ-jwt").Should().StartWith("ACCEPTED (200)", "no ValidTypes: any typ passes");
        Detail("typ-missing").Should().StartWith("ACCEPTED (200)");
        Detail("unknown-crit").Should().StartWith("ACCEPTED (200)", "crit is not processed");
        Detail("id-token").Should().StartWith("authenticated (403)", "the ID token passed authentication; only the naive scope policy stopped it");
    }

    [Fact]
    public void The_SHOULD_checks_a_stock_setup_misses_fail_too()
    {
        run.Report.Results.Where(r => r.Check.Level == CheckLevel.Should && r.Outcome == Outcome.Fail).Select(r => r.Id).Should().BeEquivalentTo(
            "scope-list", "key-rotated-in", "future-iat", "insufficient-scope-403", "write-scope-403", "malformed-400");
        Detail("scope-list").Should().Be("refused: 403", "RequireClaim compares the whole space-delimited scope string");
        Detail("insufficient-scope-403").Should().Be("403, no WWW-Authenticate");
        Detail("key-rotated-in").Should().StartWith("first request 401 invalid_token; accepted");
    }

    [Fact]
    public void What_stock_gets_right_passes_so_the_kit_does_not_fail_everything()
    {
        string[] right = ["valid-token", "alg-none", "hs256-public-key", "tampered-payload", "stripped-signature", "unpublished-key",
            "published-kid-wrong-key", "embedded-jwk", "embedded-jku", "embedded-x5u", "embedded-x5c", "hostile-kid", "expired",
            "no-exp", "not-yet-valid", "wrong-issuer", "no-issuer", "no-audience", "wrong-audience", "audience-array-without",
            "missing-scope-refused", "write-scope-refused", "no-token-challenge", "bad-token-invalid-token", "malformed-refused",
            "query-token-refused", "unknown-kid-flood", "no-token-echo"];

        run.Report.Results.Where(r => right.Contains(r.Id)).Should().OnlyContain(r => r.Outcome == Outcome.Pass);
        run.Report["metadata-served"].Outcome.Should().Be(Outcome.Skipped, "stock serves no RFC 9728 metadata");
        run.Report["metadata-resource"].Outcome.Should().Be(Outcome.Skipped);
    }

    private string Detail(string id) => run.Report[id].Verdict.Detail;
}
