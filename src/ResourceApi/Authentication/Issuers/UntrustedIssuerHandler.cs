using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ResourceApi.ScopePolicies;

namespace ResourceApi.Authentication.Issuers;

/// <summary>Where a token from an issuer this API does not trust ends up: a 401 with a reason, and no request to anyone.</summary>
internal sealed partial class UntrustedIssuerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "UntrustedIssuer";

    private const string Reason = "The token was not issued by an issuer this API trusts (iss).";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Fail(new AccessTokenRejectedException(Reason)));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        LogUntrusted(Logger, Request.Method, Request.Path);
        await BearerErrorResponse.WriteAsync(Context, BearerError.InvalidToken(Reason));
    }

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Unauthorized {Method} {Path}: invalid_token: the token's issuer is not configured under Authentication:Schemes.")]
    private static partial void LogUntrusted(ILogger logger, string method, PathString path);
}
