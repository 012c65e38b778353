using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.BearerErrors;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Where this API departs from JwtBearer's defaults: how a token may be sent (RFC 6750 §2.1 only),
/// and what a refusal looks like (RFC 6750 §3 headers plus a Problem Details body, every time).
/// </summary>
internal sealed partial class BearerEvents(ILogger<BearerEvents> logger, AuthenticationMetrics metrics, RefusalSummary refusals) : JwtBearerEvents
{
    private static readonly TimeSpan KeySetRetryAfter = TimeSpan.FromSeconds(30);

    public override Task MessageReceived(MessageReceivedContext context)
    {
        try
        {
            context.Token = BearerTokenReader.Read(context.Request);
            if (context.Token is null)
            {
                context.NoResult();
            }
        }
        catch (Exception e) when (e is InvalidBearerRequestException or AccessTokenRejectedException)
        {
            context.Fail(e);
        }
        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        // The key set (SigningKeySource) throws SigningKeysUnavailableException itself when it has no
        // usable keys, without fetching, so "keys unavailable" and "bad token" need no re-check here.
        // JwtBearer rethrows anything not turned into a result here; a failed result keeps it a refusal, not a 500.
        context.Fail(context.Exception);
        return Task.CompletedTask;
    }

    // The claims arrive normalized, and ID tokens already refused, by the token handler (AccessTokenHandler).
    public override Task TokenValidated(TokenValidatedContext context)
    {
        metrics.TokenValidated(context.Scheme.Name, "accepted", "valid");
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var request = context.Request;
        BearerError error;
        // The path as sent, re-escaped: a decoded %0A must not start a new log line.
        var path = logger.IsEnabled(LogLevel.Debug) ? request.Path.ToUriComponent() : "";

        // A metric and a summary count per refusal; the log line per refusal is Debug (RefusalSummary).
        var reason = RefusalReasons.Of(context.AuthenticateFailure);
        metrics.TokenValidated(context.Scheme.Name, context.AuthenticateFailure is SigningKeysUnavailableException ? "unavailable" : "refused", reason);
        if (context.AuthenticateFailure is not null)
        {
            refusals.Count(reason);
        }

        switch (context.AuthenticateFailure)
        {
            case null:
                error = BearerError.MissingToken();
                LogMissingToken(logger, request.Method, path);
                break;
            case InvalidBearerRequestException e:
                error = BearerError.InvalidRequest(e.Message);
                LogRejected(logger, request.Method, path, error.Code!, e.Message);
                break;
            case SigningKeysUnavailableException e:
                error = BearerError.Unavailable(
                    "The API could not fetch its token issuer's signing keys, so it cannot check any token right now. Try again later.",
                    KeySetRetryAfter);
                LogKeySetUnavailable(logger, request.Method, path, e.Message);
                break;
            case var e:
                error = BearerError.InvalidToken(TokenFailureDescriptions.Describe(e));
                LogRejected(logger, request.Method, path, error.Code!, error.Description);
                break;
        }

        await BearerErrorResponse.WriteAsync(context.HttpContext, error);
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Unauthorized {Method} {Path}: no bearer token in the Authorization header.")]
    private static partial void LogMissingToken(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "Unauthorized {Method} {Path}: {Error}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string error, string reason);

    // Debug: the outage itself is logged once when it starts and once when it ends (SigningKeySource).
    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "Refused {Method} {Path} with 503: no usable signing keys ({Detail}).")]
    private static partial void LogKeySetUnavailable(ILogger logger, string method, string path, string detail);
}
