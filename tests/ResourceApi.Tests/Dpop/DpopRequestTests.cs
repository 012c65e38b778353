using System.Net;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.KeyLifecycle;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// DPoP at the API, end to end: real tokens bound with <c>cnf.jkt</c>, signed by a loopback issuer and checked over
/// discovery + JWKS, with proofs per request; for <c>Bearer</c> and for a named scheme beside it, since the mode is
/// per scheme. Every refusal is asserted as the protocol says: 401, the challenge, a problem+json body.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DpopRequestTests(ApiFixture api)
{
    public static TheoryData<string> Schemes => KeyLifecycleHost.Schemes;

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_bound_token_with_a_valid_proof_is_accepted(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme);
        var token = dpop.BoundToken();

        using var response = await dpop.SendValidAsync(token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_bound_token_sent_as_Bearer_is_refused_with_invalid_token_and_an_offer_of_DPoP(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme);
        var token = dpop.BoundToken();

        using var response = await dpop.SendAsync(token, proof: null, scheme: "Bearer");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenges = DpopChallenges.Of(response);
        challenges["Bearer"]["error"].Should().Be("invalid_token");
        challenges["Bearer"]["error_description"].Should().Contain("DPoP-bound");
        challenges["DPoP"]["algs"].Should().Contain("ES256");
        var problem = await BearerResponse.ReadAsync(response);
        problem.ContentType.Should().Be("application/problem+json");
        problem.ProblemString("error").Should().Be("invalid_token");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_captured_token_replayed_with_a_proof_from_another_key_is_refused(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme);
        var token = dpop.BoundToken();
        var thief = DpopProof.CreateEc();

        using var response = await dpop.SendAsync(token, dpop.Proof(token, key: thief).Build());

        await ShouldBeInvalidProofAsync(response, "cnf.jkt");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_captured_proof_replayed_with_its_token_is_refused(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme);
        var token = dpop.BoundToken();
        var proof = dpop.Proof(token).Build();

        using var first = await dpop.SendAsync(token, proof);
        using var replay = await dpop.SendAsync(token, proof);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeInvalidProofAsync(replay, "used before");
    }

    [Fact]
    public async Task The_DPoP_scheme_name_is_case_insensitive()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.BoundToken();

        using var lower = await dpop.SendAsync(token, dpop.Proof(token).Build(), scheme: "dpop");
        using var upper = await dpop.SendAsync(token, dpop.Proof(token).Build(), scheme: "DPOP");

        lower.StatusCode.Should().Be(HttpStatusCode.OK);
        upper.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bound_token_without_a_DPoP_header_is_refused_with_invalid_dpop_proof()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");

        using var response = await dpop.SendAsync(dpop.BoundToken(), proof: null);

        await ShouldBeInvalidProofAsync(response, "no DPoP proof");
    }

    [Fact]
    public async Task Two_DPoP_headers_are_refused_even_when_both_are_valid()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.BoundToken();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
        request.Headers.Authorization = new("DPoP", token);
        request.Headers.Add("DPoP", [dpop.Proof(token).Build(), dpop.Proof(token).Build()]);

        using var response = await dpop.Http.SendAsync(request);

        await ShouldBeInvalidProofAsync(response, "more than one DPoP header");
    }

    [Fact]
    public async Task An_unbound_token_sent_with_the_DPoP_scheme_is_refused_with_invalid_token()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.Issuer.Token().Build();

        using var response = await dpop.SendAsync(token, dpop.Proof(token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenges = DpopChallenges.Of(response);
        challenges.Keys.Should().Equal("DPoP");
        challenges["DPoP"]["error"].Should().Be("invalid_token");
        challenges["DPoP"]["error_description"].Should().Contain("not DPoP-bound");
    }

    [Fact]
    public async Task Allowed_is_the_default_an_unbound_Bearer_token_keeps_working_and_a_missing_token_is_offered_both_schemes()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");

        using var bearer = await dpop.SendAsync(dpop.Issuer.Token().Build(), proof: null, scheme: "Bearer");
        using var missing = await dpop.SendAsync(token: null, proof: null);

        bearer.StatusCode.Should().Be(HttpStatusCode.OK);
        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenges = DpopChallenges.Of(missing);
        challenges.Keys.Should().Equal("Bearer", "DPoP");
        challenges["Bearer"].Should().NotContainKey("error");
        challenges["DPoP"].Should().NotContainKey("error");
        challenges["DPoP"]["algs"].Split(' ').Should().Equal("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512");
        (await BearerResponse.ReadAsync(missing)).ContentType.Should().Be("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Required_refuses_an_unbound_token_and_offers_only_DPoP(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme, ("Dpop:Mode", "Required"));

        using var unbound = await dpop.SendAsync(dpop.Issuer.Token().Build(), proof: null, scheme: "Bearer");
        using var missing = await dpop.SendAsync(token: null, proof: null);
        using var bound = await dpop.SendValidAsync(dpop.BoundToken());

        unbound.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refused = DpopChallenges.Of(unbound);
        refused.Keys.Should().Equal("DPoP");
        refused["DPoP"]["error"].Should().Be("invalid_token");
        refused["DPoP"]["error_description"].Should().Contain("requires DPoP-bound tokens");
        // Without a token the first scheme answers; beside an Allowed Bearer, both schemes are still on offer.
        DpopChallenges.Of(missing).Keys.Should().Equal(scheme == "Bearer" ? ["DPoP"] : ["Bearer", "DPoP"]);
        if (scheme == "Bearer")
        {
            (await BearerResponse.ReadAsync(missing)).ProblemString("detail").Should().Contain("Authorization: DPoP");
        }
        bound.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Disabled_ignores_the_binding_and_takes_no_DPoP_scheme(string scheme)
    {
        await using var dpop = await DpopClient.StartAsync(api, scheme, ("Dpop:Mode", "Disabled"));
        var token = dpop.BoundToken();

        using var asBearer = await dpop.SendAsync(token, proof: null, scheme: "Bearer");
        using var asDpop = await dpop.SendAsync(token, dpop.Proof(token).Build());

        asBearer.StatusCode.Should().Be(HttpStatusCode.OK);
        asDpop.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        DpopChallenges.Of(asDpop).Keys.Should().Equal("Bearer");
        DpopChallenges.Of(asDpop)["Bearer"].Should().NotContainKey("error", "DPoP is another scheme here, like Basic: as if no token came");
    }

    [Fact]
    public async Task A_token_bound_by_a_confirmation_method_other_than_jkt_is_refused()
    {
        await using var dpop = await DpopClient.StartAsync(api, "Bearer");
        var token = dpop.Issuer.Token().Claim("cnf", new Dictionary<string, object?> { ["x5t#S256"] = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2" }).Build();

        using var response = await dpop.SendAsync(token, proof: null, scheme: "Bearer");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        DpopChallenges.Of(response)["Bearer"]["error_description"].Should().Contain("confirmation method");
    }

    internal static async Task ShouldBeInvalidProofAsync(HttpResponseMessage response, string descriptionPart, string error = "invalid_dpop_proof")
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenges = DpopChallenges.Of(response);
        challenges.Keys.Should().Equal("DPoP");
        challenges["DPoP"]["error"].Should().Be(error);
        challenges["DPoP"]["error_description"].Should().Contain(descriptionPart);
        challenges["DPoP"]["algs"].Should().StartWith("ES256");
        var problem = await BearerResponse.ReadAsync(response);
        problem.ContentType.Should().Be("application/problem+json");
        problem.ProblemString("error").Should().Be(error);
        problem.ProblemString("detail").Should().Contain(descriptionPart);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}
