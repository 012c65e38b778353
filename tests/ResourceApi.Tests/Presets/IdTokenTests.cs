using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Presets;

/// <summary>Whatever the preset, even the strict default one: what only an ID token carries gets it refused, on every endpoint.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdTokenTests(ApiFixture api)
{
    public static TheoryData<string, object> IdTokenMarks => new()
    {
        { "nonce", "n-0S6_WzA2Mj" },
        { "at_hash", "77QmUPtjPfzWtF2AnpK9RQ" },
        { "c_hash", "LDktKdoQak3Pk0cnXxCltA" },
        { "typ", "ID" },
        { "idtyp", "device" },
    };

    [Theory, MemberData(nameof(IdTokenMarks))]
    public async Task A_token_marked_as_an_id_token_gets_401_on_api_me(string claim, object value)
    {
        var token = api.Issuer.Token().Claim(claim, value).Build();

        using var response = await api.Client(token).GetAsync("/api/me");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Error.Should().Be("invalid_token");
        bearer.Description.Should().Contain(claim).And.Contain("access tokens only");
    }

    [Fact]
    public async Task A_token_with_neither_client_nor_scope_gets_401_on_api_me()
    {
        var token = api.Issuer.Token().Without("client_id").Without("scope").Build();

        using var response = await api.Client(token).GetAsync("/api/me");

        var bearer = await BearerResponse.ReadAsync(response);
        bearer.Status.Should().Be(HttpStatusCode.Unauthorized);
        bearer.Description.Should().Contain("not an access token");
    }

    [Fact]
    public async Task An_entra_app_token_with_idtyp_app_is_still_an_access_token()
    {
        using var response = await api.Client(api.Issuer.Token().Claim("idtyp", "app").Build()).GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
