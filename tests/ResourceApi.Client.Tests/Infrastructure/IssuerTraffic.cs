using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>
/// Sits first in the API host's pipeline and counts what reaches it: token requests at the issuer
/// (with how the client authenticated) and API calls. It can also answer 503 to the next N requests
/// under a path, as an overloaded server does, before letting them through again.
/// </summary>
public sealed class IssuerTraffic : IStartupFilter
{
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private int _apiRequests;
    private int _failuresLeft;
    private string _failurePath = "";

    public IReadOnlyCollection<TokenRequest> TokenRequests => _tokenRequests;

    public int TokenRequestCount => _tokenRequests.Count;

    public int ApiRequestCount => Volatile.Read(ref _apiRequests);

    /// <summary>The next <paramref name="count"/> requests under <paramref name="path"/> get 503.</summary>
    public void FailNext(string path, int count)
    {
        _failurePath = path;
        Volatile.Write(ref _failuresLeft, count);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.Path == "/oauth/token")
            {
                _tokenRequests.Enqueue(await ReadAsync(request));
            }
            else if (request.Path.StartsWithSegments("/api"))
            {
                Interlocked.Increment(ref _apiRequests);
            }

            if (_failurePath.Length > 0 && request.Path.StartsWithSegments(_failurePath) && Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await nextMiddleware();
        });
        next(app);
    };

    private static async Task<TokenRequest> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var form = await request.ReadFormAsync();
        request.Body.Position = 0;
        var basic = request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        return new TokenRequest(
            SentSecret: basic || form.ContainsKey("client_secret"),
            SentAssertion: form.ContainsKey("client_assertion"));
    }
}

/// <summary>How one token request authenticated the client: a shared secret (Basic header or form), a signed assertion, or both.</summary>
public sealed record TokenRequest(bool SentSecret, bool SentAssertion);
