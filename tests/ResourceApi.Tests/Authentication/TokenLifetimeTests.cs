using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.TokenCache;

namespace ResourceApi.Tests.Authentication;

/// <summary>
/// A token may be used for at most <c>MaxTokenLifetime</c> (24 hours by default) from now: one that says it
/// expires later, up to millions of years, is refused like any bad token, on every endpoint, every time, and
/// never enters the validated-token cache.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TokenLifetimeTests(ApiFixture api)
{
    // About 3.2 million years: past DateTimeOffset's range, which ends in the year 9999.
    private const long FarFuture = 99_999_999_999_999;

    [Fact]
    public async Task A_token_expiring_millions_of_years_ahead_gets_401_not_500_on_every_endpoint_every_time()
    {
        await using var factory = api.CreateFactory();
        var cache = TokenCacheProbe.RequiredCacheOf(factory);
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token().Claim("exp", FarFuture).Build());

        var answers = new List<BearerResponse>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var path in new[] { "/api/me", "/api/messages" })
            {
                using var response = await client.GetAsync(path);
                answers.Add(await BearerResponse.ReadAsync(response));
            }
        }

        answers.Should().HaveCount(4).And.AllSatisfy(answer =>
        {
            answer.Status.Should().Be(HttpStatusCode.Unauthorized);
            answer.Error.Should().Be("invalid_token");
            answer.Description.Should().Contain("expires too far in the future").And.Contain("24 hours");
            answer.ContentType.Should().Be("application/problem+json");
            answer.ProblemString("detail").Should().Be(answer.Description);
        });
        cache.Count.Should().Be(0, "a refused token is never cached");
    }

    [Fact]
    public async Task A_token_expiring_a_day_and_an_hour_ahead_gets_401_invalid_token()
    {
        var token = api.Issuer.Token().ExpiresIn(TimeSpan.FromHours(25)).Build();

        using var response = await api.Client(token).GetAsync("/api/messages");

        var answer = await BearerResponse.ReadAsync(response);
        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Error.Should().Be("invalid_token");
        answer.Description.Should().Contain("MaxTokenLifetime");
    }

    [Fact]
    public async Task A_token_expiring_23_hours_ahead_is_accepted_and_api_me_states_its_expiry()
    {
        var expires = DateTimeOffset.UtcNow.AddHours(23);
        using var client = api.Client(api.Issuer.Token().ExpiresIn(TimeSpan.FromHours(23)).Build());

        using var messages = await client.GetAsync("/api/messages");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        messages.StatusCode.Should().Be(HttpStatusCode.OK);
        me.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(expires, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_longer_MaxTokenLifetime_setting_accepts_a_longer_lived_token()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Authentication:Schemes:Bearer:MaxTokenLifetime"] = "2.00:00:00" });
        var token = api.Issuer.Token().ExpiresIn(TimeSpan.FromHours(25)).Build();

        using var response = await ApiFixture.ClientFor(factory, token).GetAsync("/api/messages");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // Behind the handler no such token reaches the cache or /api/me; both must still not overflow on one.
    [Fact]
    public async Task The_cache_serves_and_compares_a_far_future_exp_without_overflowing()
    {
        using var http = new HttpClient();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = api.Issuer.Issuer,
            ValidAudience = TestIssuer.Audience,
            IssuerSigningKeys = new JsonWebKeySet(await http.GetStringAsync(api.Issuer.BaseUrl + "/.well-known/jwks")).GetSigningKeys(),
            ValidTypes = AccessTokenOptions.DefaultValidTypes,
            ClockSkew = AccessTokenOptions.MaxClockSkew,
        };
        var cached = new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, new ValidatedTokenCache(10, TimeProvider.System));
        var token = api.Issuer.Token().Claim("exp", FarFuture).Build();

        var results = new List<TokenValidationResult>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            results.Add(await cached.ValidateTokenAsync(token, parameters));
        }

        results.Should().AllSatisfy(r => r.IsValid.Should().BeTrue());
        cached.Cache.Hits.Should().Be(1);
    }

    [Theory]
    [InlineData("99999999999999", "9999-12-31T23:59:59+00:00")]
    [InlineData("-99999999999999", "0001-01-01T00:00:00+00:00")]
    [InlineData("1700000000", "2023-11-14T22:13:20+00:00")]
    [InlineData("soon", null)]
    [InlineData(null, null)]
    public void A_NumericDate_beyond_the_calendar_is_clamped_to_its_end(string? seconds, string? time)
    {
        NumericDate.ToTime(seconds).Should().Be(time is null ? null : DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
    }
}
