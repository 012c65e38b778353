using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ResourceApi.BearerErrors;

/// <summary>
/// Writes a <see cref="BearerError"/> as RFC 6750 wants it: a <c>WWW-Authenticate: Bearer</c> header
/// with <c>error</c>, <c>error_description</c> and <c>scope</c>, plus an RFC 9457 Problem Details
/// body carrying the same facts for clients that read JSON rather than headers.
/// </summary>
public static class BearerErrorResponse
{
    public const string ProblemTypeBase = "https://datatracker.ietf.org/doc/html/rfc6750#section-";

    public static async Task WriteAsync(HttpContext context, BearerError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);

        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (error.SendsChallenge)
        {
            var metadata = context.RequestServices.GetService<IOptions<BearerChallengeOptions>>()?.Value.ResourceMetadataUrl;
            // One field per scheme (RFC 9110 §11.6.1 allows either), so each parses on its own.
            response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues([.. BearerChallenge.Challenges(error, metadata)]);
        }
        if (error.DpopNonce is { } nonce)
        {
            response.Headers["DPoP-Nonce"] = nonce;
        }
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        response.Headers.CacheControl = "no-store";

        var problem = new ProblemDetails
        {
            Type = error.Code is null ? ProblemTypeBase + "3" : ProblemTypeBase + "3.1",
            Title = error.Title,
            Status = error.StatusCode,
            Detail = error.Description,
        };
        if (error.Code is not null)
        {
            problem.Extensions["error"] = error.Code;
        }
        if (error.RequiredScopes.Count > 0)
        {
            problem.Extensions["scope"] = string.Join(' ', error.RequiredScopes);
            problem.Extensions["requiredScopes"] = error.RequiredScopes;
            problem.Extensions["scopeMatch"] = error.RequiredScopesMatch;
        }
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;

        // TypedResults.Problem always writes application/problem+json, whatever the Accept header says.
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
