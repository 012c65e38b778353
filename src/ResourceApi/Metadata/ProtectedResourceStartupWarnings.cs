using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;

namespace ResourceApi.Metadata;

/// <summary>
/// RFC 9728 metadata is optional, and validating tokens never depends on it, so what is missing or
/// misleading about the resource identifier is one Warning at start, not a refusal to start: an API whose
/// issuer names it <c>api://…</c> or <c>messages-api</c> serves its callers all the same. The warnings name
/// the first trusted scheme's audiences, since <c>Bearer</c> may not be configured at all.
/// </summary>
internal sealed partial class ProtectedResourceStartupWarnings(IHostEnvironment environment, IOptions<ProtectedResourceSettings> settings,
    TrustedSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearer, ILogger<ProtectedResourceStartupWarnings> logger) : IHostedService
{
    private const string Key = ProtectedResourceSettings.IdentifierKey;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In Development the identifier is the listening address, made an accepted audience (Development/DevelopmentResourceIdentifier).
        if (environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        var audiences = TrustedSchemes.SectionOf(schemes.Names[0]) + ":ValidAudiences";
        if (settings.Value.Identifier is not { } identifier)
        {
            LogMetadataOff(logger, ResourceIdentifier.WellKnownPath, audiences);
        }
        else if (!schemes.AcceptedAudiences(bearer).Contains(identifier, StringComparer.Ordinal))
        {
            LogIdentifierNotAccepted(logger, identifier, audiences, string.Join(", ", schemes.AcceptedAudiences(bearer)));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "RFC 9728 protected resource metadata is off: " + Key + " is empty and no audience the API accepts is an https URL to take it from. "
            + "Tokens are validated as usual, but {WellKnownPath} answers 404 and 401 challenges carry no resource_metadata. To turn it on, set " + Key + " "
            + "(environment: ProtectedResource__Identifier) to this API's https URL, e.g. https://api.example.com, and add the same value to {Audiences} "
            + "(e.g. ValidAudiences:1), or to the ValidAudiences of the issuer that issues tokens for it, so a token a client gets for it (RFC 8707 resource) is accepted.")]
    private static partial void LogMetadataOff(ILogger logger, string wellKnownPath, string audiences);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = Key + " is '{Identifier}', which is not an audience the API accepts, so a token a client gets for it (RFC 8707 resource) would be refused. "
            + "Add it to {Audiences} (or to the ValidAudiences of the issuer that issues it), or set " + Key + " to one of the accepted audiences: {Accepted}.")]
    private static partial void LogIdentifierNotAccepted(ILogger logger, string identifier, string audiences, string accepted);
}
