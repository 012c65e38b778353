using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.BearerErrors;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Where this API departs from JwtBearer's defaults: how a token may be sent (RFC 6750 §2.1 only, or RFC 9449's
/// DPoP scheme with a proof, per the scheme's <see cref="DpopMode"/>), and what a refusal looks like (RFC 6750 §3
/// and RFC 9449 §7.1 headers plus a Problem Details body, every time).
/// </summary>
internal sealed partial class BearerEvents(ILogger<BearerEvents> logger, AuthenticationMetrics metrics, RefusalSummary refusals, DpopRequestCheck dpop, TrustedSchemes schemes) : JwtBearerEvents
{
    private static readonly TimeSpan KeySetRetryAfter = TimeSpan.FromSeconds(30);

    public override Task MessageReceived(MessageReceivedContext context)
    {
        try
        {
            var acceptDpop = dpop.OptionsOf(context.Scheme.Name).Mode != DpopMode.Disabled;
            if (BearerTokenReader.ReadCredentials(context.Request, acceptDpop) is { } credentials)
            {
                context.Token = credentials.Token;
                context.HttpContext.Features.Set(new PresentedToken(credentials.Token, credentials.IsDpop));
            }
            else
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
    // A token from the validated-token cache arrives here too: its DPoP proof is checked on every request.
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (context.HttpContext.Features.Get<PresentedToken>() is { } presented && context.Principal is { } principal
            && await dpop.CheckAsync(context.HttpContext, context.Scheme.Name, principal, presented) is { } refused)
        {
            context.Fail(refused);
            return;
        }
        metrics.TokenValidated(context.Scheme.Name, "accepted", "valid");
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
            case DpopRejectedException { Error: not "invalid_token" } e:
                error = new BearerError(StatusCodes.Status401Unauthorized, e.Error, "Invalid DPoP proof", e.Message);
                LogRejected(logger, request.Method, path, e.Error, e.Message);
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

        await BearerErrorResponse.WriteAsync(context.HttpContext, WithDpop(error, context));
    }

    // RFC 9449 §7.1: where the scheme takes DPoP, the answer offers it with its algs, beside Bearer (Allowed) or alone
    // (Required); the error goes on the challenge of the scheme the caller used, or must use.
    private BearerError WithDpop(BearerError error, JwtBearerChallengeContext context)
    {
        var presented = context.HttpContext.Features.Get<PresentedToken>();
        // No token (none the scheme takes): the first scheme answers for every one, so offer what any takes. A scheme
        // picked by the token's iss answers for itself.
        var answering = presented is null && context.Scheme.Name == schemes.Names[0] ? schemes.Names : [context.Scheme.Name];
        var modes = answering.Select(name => dpop.OptionsOf(name).Mode).ToArray();
        if (modes.All(m => m == DpopMode.Disabled))
        {
            return error;
        }

        var usedDpop = presented?.IsDpop == true || context.AuthenticateFailure is DpopRejectedException { Error: not "invalid_token" };
        var dpopOnly = modes.All(m => m == DpopMode.Required);
        if (error.Code is null && dpopOnly)
        {
            error = error with { Description = "This endpoint needs a DPoP-bound access token: send it as 'Authorization: DPoP <token>' with a DPoP proof header." };
        }
        var algorithms = answering.Where(name => dpop.OptionsOf(name).Mode != DpopMode.Disabled)
            .SelectMany(name => dpop.ValidatorOf(name).Algorithms).Distinct(StringComparer.Ordinal).ToArray();
        return error with
        {
            Scheme = usedDpop || dpopOnly ? BearerError.DpopScheme : BearerError.BearerScheme,
            DpopAlgorithms = algorithms,
            DpopNonce = (context.AuthenticateFailure as DpopRejectedException)?.Nonce,
        };
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Unauthorized {Method} {Path}: no bearer token in the Authorization header.")]
    private static partial void LogMissingToken(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "Unauthorized {Method} {Path}: {Error}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string error, string reason);

    // Debug: the outage itself is logged once when it starts and once when it ends (SigningKeySource).
    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "Refused {Method} {Path} with 503: no usable signing keys ({Detail}).")]
    private static partial void LogKeySetUnavailable(ILogger logger, string method, string path, string detail);
}
