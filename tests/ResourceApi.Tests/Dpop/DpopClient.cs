using System.Net.Http.Headers;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.KeyLifecycle;

namespace ResourceApi.Tests.Dpop;

/// <summary>
/// An API host whose scheme (<c>Bearer</c> or a named one beside it) trusts its own loopback issuer with the given DPoP
/// settings, and requests to it as a calling service sends them: <c>Authorization: DPoP</c> plus a proof for the exact
/// method and URL the in-memory server sees (<c>http://localhost</c>).
/// </summary>
internal sealed class DpopClient : IAsyncDisposable
{
    public const string BaseUrl = "http://localhost";

    private DpopClient(LoopbackIssuer issuer, ApiHost factory)
    {
        Issuer = issuer;
        Factory = factory;
        Http = factory.CreateClient();
    }

    public LoopbackIssuer Issuer { get; }

    public ApiHost Factory { get; }

    public HttpClient Http { get; }

    /// <summary>The calling service's DPoP key.</summary>
    public DpopProof Key { get; } = DpopProof.CreateEc();

    public static async Task<DpopClient> StartAsync(ApiFixture api, string scheme, params (string Key, string Value)[] settings)
    {
        var issuer = await LoopbackIssuer.StartAsync();
        return new DpopClient(issuer, KeyLifecycleHost.Create(api, scheme, issuer.BaseUrl, settings));
    }

    /// <summary>A valid token bound to <see cref="Key"/>.</summary>
    public string BoundToken(string scope = "read:messages") => Issuer.Token().Scope(scope).BoundTo(Key).Build();

    /// <summary>A valid proof for <paramref name="method"/> <paramref name="path"/> and <paramref name="token"/>, by <see cref="Key"/> unless told.</summary>
    public DpopProof.Builder Proof(string token, string path = "/api/messages", string method = "GET", DpopProof? key = null) =>
        (key ?? Key).For(method, BaseUrl + path, token);

    public Task<HttpResponseMessage> SendAsync(string? token, string? proof, string path = "/api/messages", string scheme = "DPoP", HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }
        return Http.SendAsync(request);
    }

    /// <summary>Sends a bound token with a fresh valid proof.</summary>
    public Task<HttpResponseMessage> SendValidAsync(string token, string path = "/api/messages") => SendAsync(token, Proof(token, path).Build(), path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
