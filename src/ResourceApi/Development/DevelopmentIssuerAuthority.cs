using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ResourceApi.Authentication;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.SigningKeys;

namespace ResourceApi.Development;

/// <summary>
/// Makes the built-in issuer the bearer scheme's authority. Its keys come through discovery and the
/// JWKS over HTTP exactly as they would from Auth0, with the same bounds: no key is shared in process.
/// Its URL is known only once the server listens, after the settings are checked at start, so the
/// address is read on the first fetch (the refresher waits for the app to start).
/// </summary>
internal sealed class DevelopmentIssuerAuthority(IServiceProvider services, SigningKeySourceFactory signingKeys) : IConfigureNamedOptions<JwtBearerOptions>
{
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(15);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme && options.ConfigurationManager is null && IssuerMetadata.AddressOf(options) is null)
        {
            // IssuerUrl is resolved on first use too: it depends on the issuer's settings, whose validator
            // depends on this API's description, which reads these very options.
            // In process and on this machine: its first answer can take a few seconds while it warms up.
            options.ConfigurationManager = signingKeys.Create(name, options,
                () => services.GetRequiredService<IssuerUrl>().Value.AbsoluteUri + IssuerMetadata.OpenIdConfigurationPath,
                fetchTimeout: FirstAnswerTimeout);
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
