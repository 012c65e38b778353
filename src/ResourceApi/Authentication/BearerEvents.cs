using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceApi.Authentication.Presets;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Authentication;

/// <summary>
/// Where this API departs from JwtBearer's defaults: how a token may be sent (RFC 6750 §2.1 only),
/// and what a refusal looks like (RFC 6750 §3 headers plus a Problem Details body, every time).
/// </summary>
internal sealed partial class BearerEvents(ILogger<BearerEvents> logger, IOptionsMonitor<AccessTokenOptions> accessTokens) : JwtBearerEvents
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

    // One shape for every issuer's dialect (the scheme's preset), and no ID token past this point.
    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity
            && AccessTokenClaims.Normalize(identity, accessTokens.Get(context.Scheme.Name)) is { } notAnAccessToken)
        {
            context.Fail(new AccessTokenRejectedException(notAnAccessToken));
        }
        return Task.CompletedTask;
    }

    public override async Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        var failure = context.Exception;

        // When the metadata cannot be fetched, the token handler carries on with no keys and no
        // issuer and blames the token. Tell the two apart so the answer and the log are true.
        if (failure is SecurityTokenInvalidIssuerException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
            && context.Options.ConfigurationManager is { } metadata)
        {
            try
            {
                await metadata.GetConfigurationAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
            {
                failure = new SigningKeysUnavailableException(e.Message, e);
            }
        }

        // JwtBearer rethrows anything not turned into a result here; a failed result keeps it a refusal, not a 500.
        context.Fail(failure);
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var request = context.Request;
        BearerError error;

        switch (context.AuthenticateFailure)
        {
            case null:
                error = BearerError.MissingToken();
                LogMissingToken(logger, request.Method, request.Path);
                break;
            case InvalidBearerRequestException e:
                error = BearerError.InvalidRequest(e.Message);
                LogRejected(logger, request.Method, request.Path, error.Code!, e.Message);
                break;
            case SigningKeysUnavailableException e:
                error = BearerError.Unavailable(
                    "The API could not fetch its token issuer's signing keys, so it cannot check any token right now. Try again later.",
                    KeySetRetryAfter);
                LogKeySetUnavailable(logger, request.Method, request.Path, e.Message);
                break;
            case var e:
                error = BearerError.InvalidToken(TokenFailureDescriptions.Describe(e));
                LogRejected(logger, request.Method, request.Path, error.Code!, error.Description);
                break;
        }

        await BearerErrorResponse.WriteAsync(context.HttpContext, error);
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Unauthorized {Method} {Path}: no bearer token in the Authorization header.")]
    private static partial void LogMissingToken(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Unauthorized {Method} {Path}: {Error}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, string error, string reason);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Error, Message = "Refused {Method} {Path}: the issuer's metadata or JWKS could not be fetched ({Detail}). Check Authentication:Schemes:Bearer:Authority and that the issuer is reachable.")]
    private static partial void LogKeySetUnavailable(ILogger logger, string method, PathString path, string detail);
}
