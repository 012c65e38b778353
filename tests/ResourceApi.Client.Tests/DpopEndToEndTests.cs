using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Client.Dpop;
using ResourceApi.Client.Settings;
using ResourceApi.Client.Tests.Infrastructure;
using ResourceApi.Client.Tokens;

namespace ResourceApi.Client.Tests;

/// <summary>
/// The calling service with DPoP on, through the development issuer and an API with
/// <c>Authentication:Schemes:Bearer:Dpop:Mode=Required</c>, over loopback HTTP: bound tokens, a fresh proof
/// on every request and every retry, the nonce round trip, and a copied token worthless without the key.
/// </summary>
public sealed class DpopEndToEndTests(DpopEndToEndTests.RequiredHost fixture) : IClassFixture<DpopEndToEndTests.RequiredHost>
{
    private IssuerTraffic Traffic => fixture.Host.Traffic();

    [Fact]
    public async Task With_DPoP_on_the_calling_service_posts_and_lists_through_the_development_issuer_and_an_API_that_requires_DPoP()
    {
        await using var service = CallingService.For(fixture.Host, DpopOn);
        var (tokensBefore, callsBefore) = (Traffic.TokenRequestCount, Traffic.ApiRequestCount);
        var text = $"bound {Guid.NewGuid():N}";

        var posted = await service.Api.SendAsync(text);
        var page = await service.Api.ListAsync();

        posted.Text.Should().Be(text);
        page.Items.Should().Contain(m => m.Id == posted.Id);
        var key = service.Services.GetRequiredService<DpopKey>();
        var token = await service.Services.GetRequiredService<AccessTokenCache>().GetTokenAsync(CancellationToken.None);
        token.Type.Should().Be("DPoP");
        BoundThumbprint(token.Value).Should().Be(key.Thumbprint, "the issuer bound the token to the client's key");

        var tokenRequest = Traffic.TokenRequests.Skip(tokensBefore).Should().ContainSingle().Subject;
        var tokenProof = new JsonWebToken(tokenRequest.DpopProof);
        tokenProof.GetPayloadValue<string>("htm").Should().Be("POST");
        tokenProof.GetPayloadValue<string>("htu").Should().Be(fixture.Host.BaseUrl + "/oauth/token");

        var calls = Traffic.ApiRequests.Skip(callsBefore).ToList();
        calls.Should().HaveCount(2).And.AllSatisfy(c =>
        {
            c.Scheme.Should().Be("DPoP");
            new JsonWebToken(c.DpopProof).GetPayloadValue<string>("ath").Should().Be(Hash(token.Value));
        });
        calls.Select(c => new JsonWebToken(c.DpopProof).Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Every_attempt_of_an_API_call_carries_a_fresh_proof_so_a_retried_503_is_no_replay()
    {
        await using var service = CallingService.For(fixture.Host, DpopOn);
        await service.Api.ListAsync();
        var callsBefore = Traffic.ApiRequestCount;
        Traffic.FailNext("/api", 2);

        var page = await service.Api.ListAsync();

        page.Should().NotBeNull();
        var attempts = Traffic.ApiRequests.Skip(callsBefore).ToList();
        attempts.Should().HaveCount(3, "two 503s, then the answer");
        attempts.Select(a => new JsonWebToken(a.DpopProof).Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_token_copied_from_the_calling_service_is_refused_without_its_key()
    {
        await using var service = CallingService.For(fixture.Host, DpopOn);
        await service.Api.ListAsync();
        var token = await service.Services.GetRequiredService<AccessTokenCache>().GetTokenAsync(CancellationToken.None);
        using var thiefKey = DpopKey.TryLoad(new DpopSettings { Enabled = true }, TimeProvider.System, out _)!;
        using var http = new HttpClient();
        var url = new Uri(fixture.Host.BaseUrl + "/api/messages");

        using var asBearer = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token.Value) } };
        using var bearerAnswer = await http.SendAsync(asBearer);
        using var withThiefsProof = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("DPoP", token.Value) } };
        withThiefsProof.Headers.Add("DPoP", thiefKey.CreateProof(HttpMethod.Get, url, token.Value, null));
        using var thiefAnswer = await http.SendAsync(withThiefsProof);

        bearerAnswer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        bearerAnswer.Headers.WwwAuthenticate.Should().Contain(c => c.Scheme == "DPoP");
        thiefAnswer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        thiefAnswer.Headers.WwwAuthenticate.Should().Contain(c => c.Scheme == "DPoP" && c.Parameter!.Contains("invalid_dpop_proof"));
    }

    [Fact]
    public async Task An_API_that_requires_nonces_costs_one_extra_request_for_the_first_call_and_none_after()
    {
        await using var host = TrafficHost.Start(fixture.NewDataFolder(), new Dictionary<string, string?>
        {
            [RequiredHost.ModeKey] = "Required",
            ["Authentication:Schemes:Bearer:Dpop:RequireNonce"] = "true",
        });
        await using var service = CallingService.For(host, DpopOn);

        var posted = await service.Api.SendAsync("with the API's nonce");
        var firstCall = host.Traffic().ApiRequestCount;
        for (var i = 0; i < 3; i++)
        {
            await service.Api.ListAsync();
        }

        posted.Text.Should().Be("with the API's nonce");
        firstCall.Should().Be(2, "the proof without a nonce is answered use_dpop_nonce, and the call is sent once more with it");
        (host.Traffic().ApiRequestCount - firstCall).Should().Be(3, "later proofs carry the nonce the API gave");
        host.Traffic().ApiRequests.Skip(1).Should().AllSatisfy(r => new JsonWebToken(r.DpopProof).TryGetPayloadValue<string>("nonce", out _).Should().BeTrue());
    }

    [Fact]
    public async Task A_private_key_jwt_client_with_DPoP_on_gets_a_bound_token_and_posts()
    {
        await using var service = CallingService.For(fixture.Host, new Dictionary<string, string?>(DpopOn)
        {
            ["ClientId"] = "demo-keyed-writer",
            ["ClientSecret"] = null,
            ["ClientAuthentication"] = "private_key_jwt",
            ["PrivateKeyFile"] = "DemoKeys/demo-keyed-writer.pem",
        });

        var posted = await service.Api.SendAsync("signed and bound");

        posted.CreatedBy.Should().Be("demo-keyed-writer");
    }

    [Fact]
    public async Task A_token_endpoint_that_demands_a_nonce_gets_one_more_request_with_it_and_a_fresh_assertion()
    {
        await using var host = TrafficHost.Start(fixture.NewDataFolder(), new Dictionary<string, string?> { [RequiredHost.ModeKey] = "Required" });
        host.Traffic().DemandDpopNonceAtTokenEndpoint("issuer-nonce-1");
        await using var service = CallingService.For(host, new Dictionary<string, string?>(DpopOn)
        {
            ["ClientId"] = "demo-keyed-writer",
            ["ClientSecret"] = null,
            ["ClientAuthentication"] = "private_key_jwt",
            ["PrivateKeyFile"] = "DemoKeys/demo-keyed-writer.pem",
        });

        var posted = await service.Api.SendAsync("after the issuer's nonce");

        posted.CreatedBy.Should().Be("demo-keyed-writer");
        var attempts = host.Traffic().TokenRequests.ToList();
        attempts.Should().HaveCount(2, "the demand, then the request with the nonce");
        new JsonWebToken(attempts[0].DpopProof).TryGetPayloadValue<string>("nonce", out _).Should().BeFalse();
        new JsonWebToken(attempts[1].DpopProof).GetPayloadValue<string>("nonce").Should().Be("issuer-nonce-1");
        attempts.Select(a => a.AssertionId).Should().OnlyHaveUniqueItems("the issuer accepts each assertion once, so the second attempt signs a new one");
        attempts.Select(a => new JsonWebToken(a.DpopProof).Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task With_DPoP_on_a_missing_scope_is_still_a_clear_error_and_not_retried()
    {
        await using var service = CallingService.For(fixture.Host, new Dictionary<string, string?>(DpopOn)
        {
            ["ClientId"] = "demo-reader",
            ["ClientSecret"] = "demo-reader-secret",
        });
        await service.Api.ListAsync();
        var (tokensBefore, callsBefore) = (Traffic.TokenRequestCount, Traffic.ApiRequestCount);

        var send = () => service.Api.SendAsync("the reader may not post");

        var error = (await send.Should().ThrowAsync<Api.InsufficientScopeException>()).Which;
        error.RequiredScope.Should().Be("write:messages");
        (Traffic.ApiRequestCount - callsBefore).Should().Be(1, "a 403 is never retried");
        (Traffic.TokenRequestCount - tokensBefore).Should().Be(0);
    }

    private static readonly Dictionary<string, string?> DpopOn = new() { ["Dpop:Enabled"] = "true" };

    private static string BoundThumbprint(string token)
    {
        var cnf = new JsonWebToken(token).GetPayloadValue<Dictionary<string, object>>("cnf");
        return cnf["jkt"].ToString()!;
    }

    private static string Hash(string token) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>The API with its development issuer, requiring DPoP on its one scheme.</summary>
    public sealed class RequiredHost : IAsyncLifetime
    {
        public const string ModeKey = "Authentication:Schemes:Bearer:Dpop:Mode";

        private readonly List<string> _folders = [];

        public ApiHost Host { get; private set; } = null!;

        public string NewDataFolder()
        {
            var folder = Path.Combine(Path.GetTempPath(), $"resourceapi-client-dpop-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            _folders.Add(folder);
            return folder;
        }

        public Task InitializeAsync()
        {
            Host = TrafficHost.Start(NewDataFolder(), new Dictionary<string, string?> { [ModeKey] = "Required" });
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in _folders)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A host still holding a file; the temp folder is cleaned by the OS.
                }
            }
        }
    }
}
