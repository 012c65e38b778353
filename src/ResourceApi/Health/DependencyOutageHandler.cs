using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace ResourceApi.Health;

/// <summary>
/// A request that failed because the database or Redis cannot be reached answers 503 Problem Details with
/// <c>Retry-After</c>, not 500: the request was fine and may succeed on another replica or a little later,
/// and a load balancer reads a 503 as "not me, not now". Only failures the driver calls transient (connection
/// refused or lost, server shutting down, timeouts) count; a bug's exception still gets the 500 it deserves.
/// </summary>
internal sealed partial class DependencyOutageHandler(IProblemDetailsService problems, ILogger<DependencyOutageHandler> log) : IExceptionHandler
{
    /// <summary>How soon a client may try again: about what a database restart or a fail-over takes.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = Unavailable(exception);
        if (dependency is null)
        {
            return false;
        }
        // The exception's text can name hosts and users: it goes to the log, never to the anonymous answer.
        LogOutage(log, dependency, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The {dependency} cannot be reached. Try again shortly.",
            },
        });
    }

    /// <summary>Which dependency the exception (or one it wraps) says is unreachable, or null.</summary>
    internal static string? Unavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbException { IsTransient: true }:
                    return "database";
                case RedisConnectionException or RedisTimeoutException:
                    return "shared cache (Redis)";
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request failed because the {Dependency} cannot be reached ({Exception}); answered 503.")]
    private static partial void LogOutage(ILogger logger, string dependency, string exception);
}
