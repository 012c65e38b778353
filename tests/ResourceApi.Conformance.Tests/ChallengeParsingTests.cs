using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Tests;

/// <summary>The kit reads WWW-Authenticate as RFC 9110 writes it, whatever order and quoting the API uses.</summary>
public sealed class ChallengeParsingTests
{
    [Fact]
    public void A_bearer_challenge_with_quoted_parameters_holding_commas_is_read_whole()
    {
        var challenges = AuthChallenge.Parse(["Bearer error=\"invalid_token\", error_description=\"The token expired, at 12:00\", scope=\"a b\""]);

        challenges.Should().ContainSingle();
        challenges[0].Scheme.Should().Be("Bearer");
        challenges[0]["error"].Should().Be("invalid_token");
        challenges[0]["error_description"].Should().Be("The token expired, at 12:00");
        challenges[0]["scope"].Should().Be("a b");
    }

    [Fact]
    public void Two_challenges_in_one_header_or_in_two_are_told_apart()
    {
        var oneHeader = AuthChallenge.Parse(["DPoP algs=\"ES256 PS256\", Bearer realm=api, error=invalid_token"]);
        var twoHeaders = AuthChallenge.Parse(["DPoP algs=\"ES256 PS256\"", "Bearer realm=\"api\", error=\"invalid_token\""]);

        foreach (var challenges in new[] { oneHeader, twoHeaders })
        {
            challenges.Select(c => c.Scheme).Should().Equal("DPoP", "Bearer");
            challenges[0]["algs"].Should().Be("ES256 PS256");
            challenges[1]["realm"].Should().Be("api");
            challenges[1]["error"].Should().Be("invalid_token");
        }
    }

    [Fact]
    public void A_bare_scheme_has_no_parameters_and_escaped_quotes_are_unescaped()
    {
        AuthChallenge.Parse(["Bearer"]).Should().ContainSingle().Which.Parameters.Should().BeEmpty();
        AuthChallenge.Parse(["Bearer error_description=\"say \\\"hi\\\"\""])[0]["error_description"].Should().Be("say \"hi\"");
    }
}
