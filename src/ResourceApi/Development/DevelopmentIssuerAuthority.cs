using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ResourceApi.Authentication;
using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Development;

/// <summary>
/// Makes the built-in issuer the bearer scheme's authority. Its keys come through discovery and the
/// JWKS over HTTP exactly as they would from Auth0: no key is shared in process. Its URL is known only
/// once the server listens, after the settings are checked at start, so the metadata client is made
/// on first use.
/// </summary>
internal sealed class DevelopmentIssuerAuthority(IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme && options.ConfigurationManager is null && IssuerMetadata.AddressOf(options) is null)
        {
            // IssuerUrl is resolved on first use too: it depends on the issuer's settings, whose validator
            // depends on this API's description, which reads these very options.
            options.ConfigurationManager = new Deferred(() => IssuerMetadata.CreateManager(options,
                services.GetRequiredService<IssuerUrl>().Value.AbsoluteUri + IssuerMetadata.OpenIdConfigurationPath));
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private sealed class Deferred(Func<ConfigurationManager<OpenIdConnectConfiguration>> create) : IConfigurationManager<OpenIdConnectConfiguration>
    {
        private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _manager = new(create);

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => _manager.Value.GetConfigurationAsync(cancel);

        public void RequestRefresh() => _manager.Value.RequestRefresh();
    }
}
