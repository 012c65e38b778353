using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ResourceApi.BearerErrors;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Where a token from an issuer this API does not trust ends up: a 401 with a reason, and no request to
/// anyone. Counted and summarized like every other refusal (a metric, the once-a-period summary) and logged
/// at Debug, so a flood of foreign tokens costs counters, not log lines.
/// </summary>
internal sealed partial class UntrustedIssuerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, AuthenticationMetrics metrics, RefusalSummary refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "UntrustedIssuer";

    /// <summary>The refusal reason of metrics and the summary.</summary>
    public const string Reason = "untrusted_issuer";

    private const string Description = "The token was not issued by an issuer this API trusts (iss).";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Fail(new AccessTokenRejectedException(Description)));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        metrics.TokenValidated(SchemeName, "refused", Reason);
        refusals.Count(Reason);
        // The path as sent, re-escaped: a decoded %0A must not start a new log line.
        var path = Logger.IsEnabled(LogLevel.Debug) ? Request.Path.ToUriComponent() : "";
        LogUntrusted(Logger, Request.Method, path);
        await BearerErrorResponse.WriteAsync(Context, BearerError.InvalidToken(Description));
    }

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug, Message = "Unauthorized {Method} {Path}: invalid_token: the token's issuer (iss) is not configured under Authentication:Schemes.")]
    private static partial void LogUntrusted(ILogger logger, string method, string path);
}
