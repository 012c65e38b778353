using System.Net;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Authentication;

/// <summary>The settings a team changes for its issuer: ValidTypes (Auth0, Entra ID emit typ JWT) and ClockSkew.</summary>
[Collection(ApiCollection.Name)]
public sealed class RelaxedSettingsTests(ApiFixture api) : IAsyncLifetime
{
    private ApiHost _factory = null!;

    public Task InitializeAsync()
    {
        _factory = api.CreateFactory(new Dictionary<string, string?>
        {
            // As the README says: one delimited value replaces the default list, so it restates at+jwt.
            ["Authentication:Schemes:Bearer:ValidTypes"] = "at+jwt application/at+jwt JWT",
            ["Authentication:Schemes:Bearer:ClockSkew"] = "00:00:00",
        });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Typ_JWT_is_accepted_once_listed_in_ValidTypes_and_the_types_listed_with_it_still_are()
    {
        foreach (var typ in new[] { "JWT", "at+jwt", "application/at+jwt" })
        {
            var token = api.Issuer.Token().Header("typ", typ).Build();

            using var response = await ApiFixture.ClientFor(_factory, token).GetAsync("/api/messages");

            response.StatusCode.Should().Be(HttpStatusCode.OK, $"typ {typ} is listed");
        }
    }

    [Fact]
    public async Task A_token_without_typ_is_still_refused()
    {
        var token = api.Issuer.Token().Header("typ", null).Build();

        using var response = await ApiFixture.ClientFor(_factory, token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_no_clock_skew_a_token_expired_seconds_ago_is_refused()
    {
        var token = api.Issuer.Token().ExpiresIn(TimeSpan.FromSeconds(-5)).Build();

        using var response = await ApiFixture.ClientFor(_factory, token).GetAsync("/api/messages");
        var result = await BearerResponse.ReadAsync(response);

        result.Status.Should().Be(HttpStatusCode.Unauthorized);
        result.Description.Should().Contain("expired");
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
