using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using ResourceApi.DevelopmentIssuer.Dpop;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ResourceApi.DevelopmentIssuer;

public static class DevelopmentIssuerExtensions
{
    public const string TokenPath = "oauth/token";
    public const string JwksPath = ".well-known/jwks.json";
    public const string OpenIdConfigurationPath = ".well-known/openid-configuration";
    public const string OAuthMetadataPath = ".well-known/oauth-authorization-server";
    public const string DatabaseFileName = "development-issuer.db";

    /// <summary>
    /// Adds an OpenIddict authorization server for the client credentials grant only, with the demo
    /// clients from <c>DevelopmentIssuer:Clients</c>. Its endpoints are served by the authentication
    /// middleware. Throws outside Development: it uses plain HTTP and keys in a local file.
    /// <paramref name="api"/> describes the API it issues tokens for; it is asked once, at start, after
    /// the app's endpoints are mapped, so the scopes can be read from them.
    /// </summary>
    public static WebApplicationBuilder AddDevelopmentIssuer(this WebApplicationBuilder builder, Func<IServiceProvider, ProtectedApi> api)
    {
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development issuer only runs in the Development environment (this is '{builder.Environment.EnvironmentName}'). Configure Authentication:Schemes:Bearer:Authority to use a real issuer.");
        }

        var services = builder.Services;
        services.AddSingleton(api);
        services.AddOptions<DevelopmentIssuerSettings>()
            .Bind(builder.Configuration.GetSection(DevelopmentIssuerSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevelopmentIssuerSettings>, DevelopmentIssuerSettingsValidator>();
        services.AddSingleton<IssuerUrl>();
        services.AddSingleton<SigningKeyRing>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SeenAssertions>();
        services.AddSingleton<IssuerDpopProofs>();
        services.AddHostedService<ClientSeeder>();
        services.AddTransient<IStartupFilter, ClientScopesCheck>();

        services.AddDbContext<IssuerDbContext>((provider, options) =>
        {
            var settings = provider.GetRequiredService<IOptions<DevelopmentIssuerSettings>>().Value;
            var folder = settings.DataPath(builder.Environment.ContentRootPath);
            Directory.CreateDirectory(folder);
            options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, DatabaseFileName) }.ToString());
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IssuerDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath)
                    .SetJsonWebKeySetEndpointUris(JwksPath)
                    .SetConfigurationEndpointUris(OpenIdConfigurationPath, OAuthMetadataPath);

                server.AllowClientCredentialsFlow();

                // RFC 9068 access tokens: a signed JWT the API can read, not an encrypted one.
                server.DisableAccessTokenEncryption();
                // OpenIddict insists on an encryption key for its other token types; this grant
                // issues none of them, so a key that lives only as long as the process is enough.
                server.AddEphemeralEncryptionKey();
                // Self-contained tokens; nothing to revoke or look up, so nothing to store per token.
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                // Targets are checked by ClientCredentialsRules against this API's audiences, exactly
                // as configured (OpenIddict would compare them as normalized URIs).
                server.DisableResourceValidation();
                server.IgnoreResourcePermissions();
                // Scope permissions are applied by ClientCredentialsRules and ClientCredentialsSignIn,
                // which grant the permitted part of a request instead of refusing it whole.
                server.IgnoreScopePermissions();

                server.AddEventHandler(AuthZeroAudienceParameter.Descriptor);
                server.AddEventHandler(ClientCredentialsRules.Descriptor);
                server.AddEventHandler(ClientCredentialsSignIn.Descriptor);
                // private_key_jwt: a jti, 5 minutes at most, accepted once (OpenIddict checks the rest).
                server.AddEventHandler(ClientAssertionRules.Descriptor);
                // DPoP (RFC 9449): a request with a valid proof gets a token bound to its key (cnf.jkt), token_type DPoP.
                server.AddEventHandler(DpopProofCheck.Descriptor);
                server.AddEventHandler(DpopConfirmationClaim.Descriptor);
                server.AddEventHandler(DpopTokenType.Descriptor);
                server.AddEventHandler(DpopMetadata.Descriptor);

                // Loopback HTTP is how `dotnet run` serves it; this whole issuer exists only in Development.
                server.UseAspNetCore().DisableTransportSecurityRequirement();
            });

        // Known only once the container (and, for the issuer URL, the server) exists.
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IssuerUrl, SigningKeyRing, IOptions<DevelopmentIssuerSettings>, ProtectedApi>((options, issuer, keys, settings, api) =>
            {
                options.Issuer = issuer.Value;
                options.Scopes.UnionWith(api.Scopes);
                options.SigningCredentials.AddRange(keys.Keys);
                options.AccessTokenLifetime = settings.Value.AccessTokenLifetime;
                options.ClientAuthenticationMethods.Clear();
                options.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
                options.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretPost);
                // RFC 7523 client assertions, for clients registered with a PublicKey.
                options.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.PrivateKeyJwt);
            });

        return builder;
    }
}
