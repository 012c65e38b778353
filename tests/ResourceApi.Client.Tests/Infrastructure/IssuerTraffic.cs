using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceApi.Client.Tests.Infrastructure;

/// <summary>
/// Sits first in the API host's pipeline and counts what reaches it: token requests at the issuer
/// (with how the client authenticated) and API calls. It can also answer 503 to the next N requests
/// under a path, as an overloaded server does, before letting them through again; or let the next N
/// requests of a method through and lose their answers (held until the caller gives up, or the
/// connection reset), as a network failure after the server acted does.
/// </summary>
public sealed class IssuerTraffic : IStartupFilter
{
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<ApiRequest> _apiRequests = new();
    private int _failuresLeft;
    private string _failurePath = "";
    private int _lossesLeft;
    private string _lossMethod = "";
    private string _lossPath = "";
    private AnswerLoss _loss;
    private string? _issuerNonce;

    public IReadOnlyCollection<TokenRequest> TokenRequests => _tokenRequests;

    public int TokenRequestCount => _tokenRequests.Count;

    public int ApiRequestCount => _apiRequests.Count;

    /// <summary>Every API request's <c>Authorization</c> scheme and <c>DPoP</c> proof, in arrival order.</summary>
    public IReadOnlyCollection<ApiRequest> ApiRequests => _apiRequests;

    /// <summary>The next <paramref name="count"/> requests under <paramref name="path"/> get 503.</summary>
    public void FailNext(string path, int count)
    {
        _failurePath = path;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>The next <paramref name="count"/> <paramref name="method"/> requests under <paramref name="path"/> are handled, but their answers are lost.</summary>
    public void LoseNextAnswers(string method, string path, int count, AnswerLoss loss)
    {
        (_lossMethod, _lossPath, _loss) = (method, path, loss);
        Volatile.Write(ref _lossesLeft, count);
    }

    /// <summary>
    /// From now on the token endpoint demands a DPoP nonce as RFC 9449 §8 says (400 <c>use_dpop_nonce</c> and a
    /// <c>DPoP-Nonce</c> header) from every token request whose proof does not carry <paramref name="nonce"/>; a
    /// request whose proof does goes on to the development issuer, which checks the rest of the proof as always.
    /// </summary>
    public void DemandDpopNonceAtTokenEndpoint(string nonce) => _issuerNonce = nonce;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.Path == "/oauth/token")
            {
                var tokenRequest = await ReadAsync(request);
                _tokenRequests.Enqueue(tokenRequest);
                if (_issuerNonce is { } nonce && !CarriesNonce(tokenRequest.DpopProof, nonce))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.Headers["DPoP-Nonce"] = nonce;
                    await context.Response.WriteAsJsonAsync(new { error = "use_dpop_nonce", error_description = "Use the nonce in DPoP-Nonce." });
                    return;
                }
            }
            else if (request.Path.StartsWithSegments("/api"))
            {
                _apiRequests.Enqueue(new ApiRequest(
                    request.Method,
                    request.Headers.Authorization.ToString().Split(' ', 2)[0],
                    request.Headers.TryGetValue("DPoP", out var proof) ? proof.ToString() : null));
            }

            if (_failurePath.Length > 0 && request.Path.StartsWithSegments(_failurePath) && Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            if (_lossPath.Length > 0 && request.Method == _lossMethod && request.Path.StartsWithSegments(_lossPath) && Interlocked.Decrement(ref _lossesLeft) >= 0)
            {
                await HandleAndLoseAnswerAsync(context, nextMiddleware);
                return;
            }
            await nextMiddleware();
        });
        next(app);
    };

    private async Task HandleAndLoseAnswerAsync(HttpContext context, Func<Task> nextMiddleware)
    {
        // The API does all its work (a POST stores its message); the answer goes into a buffer nobody sends.
        var answer = context.Response.Body;
        context.Response.Body = new MemoryStream();
        await nextMiddleware();
        if (_loss == AnswerLoss.ConnectionReset)
        {
            context.Abort();
            return;
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: what a lost answer looks like from its side.
        }
        context.Response.Body = answer;
        context.Abort();
    }

    private static bool CarriesNonce(string? proof, string nonce) =>
        proof is not null && new JsonWebToken(proof).TryGetPayloadValue<string>("nonce", out var carried) && carried == nonce;

    private static async Task<TokenRequest> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var form = await request.ReadFormAsync();
        request.Body.Position = 0;
        var basic = request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var assertion = form.TryGetValue("client_assertion", out var value) ? new JsonWebToken(value.ToString()) : null;
        return new TokenRequest(
            SentSecret: basic || form.ContainsKey("client_secret"),
            SentAssertion: assertion is not null,
            AssertionId: assertion?.Id,
            DpopProof: request.Headers.TryGetValue("DPoP", out var proof) ? proof.ToString() : null);
    }
}

/// <summary>
/// How one token request authenticated the client (a shared secret in a Basic header or the form, a
/// signed assertion and its <c>jti</c>), and the DPoP proof it carried, if any.
/// </summary>
public sealed record TokenRequest(bool SentSecret, bool SentAssertion, string? AssertionId = null, string? DpopProof = null);

/// <summary>One API request as it arrived: its method, <c>Authorization</c> scheme, and <c>DPoP</c> proof, if any.</summary>
public sealed record ApiRequest(string Method, string Scheme, string? DpopProof);

/// <summary>How an answer is lost: held until the caller's timeout, or the connection reset.</summary>
public enum AnswerLoss
{
    Timeout,
    ConnectionReset,
}
