using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.AccessTokens;
using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Development;

/// <summary>
/// Makes the built-in issuer the <c>Bearer</c> scheme's authority, through the access-token library's public
/// options. Its keys come through discovery and the JWKS over HTTP exactly as they would from Auth0, with the
/// same bounds: no key is shared in process. Its URL is known only once the server listens, after the
/// settings are checked at start, so the library asks for it at each fetch (its refresher waits for the app
/// to start) and when matching a token's <c>iss</c>.
/// </summary>
internal sealed class DevelopmentIssuerAuthority(IServiceProvider services) : IConfigureNamedOptions<AccessTokenOptions>
{
    // In process and on this machine: its first answer can take a few seconds while it warms up. The
    // library's upper bound for one fetch; a configured BackchannelTimeout still wins.
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(10);

    public void Configure(string? name, AccessTokenOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            // Resolved on first use: the issuer's settings are checked against this API's description,
            // which reads the bearer options these very options build.
            options.AuthorityProvider = () => services.GetRequiredService<IssuerUrl>().Value.AbsoluteUri;
            options.BackchannelTimeout = FirstAnswerTimeout;
        }
    }

    public void Configure(AccessTokenOptions options) => Configure(Options.DefaultName, options);
}
