using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Dpop;

/// <summary>RFC 9728 metadata says what DPoP the API takes: the proof algorithms, and whether bound tokens are required.</summary>
[Collection(ApiCollection.Name)]
public sealed class DpopMetadataTests(ApiFixture api)
{
    private const string Path = "/.well-known/oauth-protected-resource";

    [Theory]
    [InlineData(null, true, false)]
    [InlineData("Allowed", true, false)]
    [InlineData("Required", true, true)]
    [InlineData("Disabled", false, false)]
    public async Task The_metadata_lists_the_proof_algorithms_and_says_whether_DPoP_is_required(string? mode, bool listsAlgorithms, bool required)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:Mode"] = mode });

        var metadata = await factory.CreateClient().GetFromJsonAsync<JsonElement>(Path);

        metadata.GetProperty("dpop_bound_access_tokens_required").GetBoolean().Should().Be(required);
        if (listsAlgorithms)
        {
            metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString())
                .Should().Equal("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512");
        }
        else
        {
            metadata.TryGetProperty("dpop_signing_alg_values_supported", out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Configured_algorithms_are_the_ones_listed_and_offered_in_challenges()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:Dpop:Algorithms"] = "PS256 ES256" });
        using var client = factory.CreateClient();

        var metadata = await client.GetFromJsonAsync<JsonElement>(Path);
        using var missing = await client.GetAsync("/api/messages");

        metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("ES256", "PS256");
        DpopChallenges.Of(missing)["DPoP"]["algs"].Should().Be("ES256 PS256");
    }
}
