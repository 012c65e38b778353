using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;

namespace ResourceApi.Metadata;

/// <summary>
/// Outside Development, an empty <c>ProtectedResource:Identifier</c> becomes the first https audience the
/// trusted issuers accept (the first scheme's first): the API's own URL in the form issuers such as Auth0
/// use for an API's identifier. None at all is left empty: the API then publishes no RFC 9728 metadata,
/// and says at start how to turn it on (<see cref="ProtectedResourceStartupWarnings"/>).
/// </summary>
internal sealed class ProtectedResourceSettingsSetup(IHostEnvironment environment, TrustedSchemes schemes, IOptionsMonitor<JwtBearerOptions> bearer)
    : IPostConfigureOptions<ProtectedResourceSettings>
{
    public void PostConfigure(string? name, ProtectedResourceSettings options)
    {
        if (!string.IsNullOrWhiteSpace(options.Identifier))
        {
            options.Identifier = options.Identifier.Trim();
            return;
        }

        // In Development the identifier is the address the app listens on (Development/DevelopmentResourceIdentifier).
        options.Identifier = environment.IsDevelopment()
            ? null
            : schemes.AcceptedAudiences(bearer).FirstOrDefault(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
    }
}
