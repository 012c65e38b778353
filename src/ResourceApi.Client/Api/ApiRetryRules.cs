using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace ResourceApi.Client.Api;

/// <summary>
/// Which failed API attempts are tried again. A method RFC 9110 §9.2.2 calls idempotent (GET, HEAD, PUT,
/// DELETE, OPTIONS) is retried on every transient failure, as the standard resilience handler does: doing
/// it twice is doing it once. A POST (or PATCH) is retried only when the server cannot have acted on it: it
/// said so (503, 429, 408), or the connection was never made. After a timeout or a connection lost once the
/// request went out, the server may have stored the message and only the answer was lost; a retry would
/// store it twice. An <c>Idempotency-Key</c> would make that safe, but this API honours none, so such a POST
/// fails and the caller decides.
/// </summary>
internal static class ApiRetryRules
{
    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(ShouldRetry(args.Outcome, args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()));

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }
        if (request is null || IsIdempotent(request.Method))
        {
            return true;
        }
        return outcome switch
        {
            { Result: { } response } => response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
            // A timeout, or a connection lost with the request sent: the server may have acted on it.
            _ => false,
        };
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete
        || method == HttpMethod.Options || method == HttpMethod.Trace;
}
