using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authorization;

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

        context.Response.StatusCode = error.StatusCode;
        if (error.Challenge)
        {
            context.Response.Headers.WWWAuthenticate = FormatChallenge(error, ResourceMetadataUrl(context));
        }
        context.Response.Headers.CacheControl = "no-store";

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
            problem.Extensions["scopeMatch"] = error.ScopeMatch == ScopeMatch.Any ? "any" : "all";
        }
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;

        // TypedResults.Problem always writes application/problem+json, whatever the Accept header says.
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }

    /// <summary>The <c>WWW-Authenticate</c> value, e.g. <c>Bearer error="insufficient_scope", scope="read:messages"</c>.</summary>
    public static string FormatChallenge(BearerError error, string? resourceMetadataUrl = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parameters = new List<string>();
        if (error.Code is not null)
        {
            parameters.Add($"error=\"{error.Code}\"");
            parameters.Add($"error_description=\"{Quotable(error.Description)}\"");
        }
        if (error.RequiredScopes.Count > 0)
        {
            parameters.Add($"scope=\"{string.Join(' ', error.RequiredScopes)}\"");
        }
        if (resourceMetadataUrl is not null)
        {
            parameters.Add($"resource_metadata=\"{Quotable(resourceMetadataUrl)}\"");
        }
        return parameters.Count == 0 ? "Bearer" : "Bearer " + string.Join(", ", parameters);
    }

    private static string? ResourceMetadataUrl(HttpContext context)
    {
        var path = context.RequestServices.GetService<IOptions<BearerChallengeOptions>>()?.Value.ResourceMetadataPath ?? default;
        var request = context.Request;
        return path.HasValue ? $"{request.Scheme}://{request.Host}{request.PathBase}{path}" : null;
    }

    // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E, so no quotes, backslashes or non-ASCII.
    private static string Quotable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }
        return builder.ToString();
    }
}
