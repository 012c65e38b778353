using Microsoft.Extensions.Options;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.OpenApi;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.Development;

/// <summary>
/// Pre-fills Swagger UI's Authorize dialog with the demo client from <c>OpenApi:SwaggerUi</c>, and
/// pre-selects the scopes the development issuer grants it, so "Authorize" gets a token in one click.
/// Only the <c>Bearer</c> issuer's flow (<c>oauth2</c>, the development issuer's when it runs) is filled:
/// another issuer's flow stays empty, for that issuer's own client. The development issuer's secret and
/// scopes for the client are used only while it runs: a real issuer under <c>Bearer</c> never gets them.
/// A client secret in a page anyone can open is a demo convenience: this is registered in Development only.
/// </summary>
internal sealed class SwaggerUiDemoClient(IOptions<ApiDocumentationSettings> settings, IConfiguration configuration, IssuerUrl? developmentIssuer = null) : IConfigureOptions<SwaggerUIOptions>
{
    public void Configure(SwaggerUIOptions options)
    {
        var client = settings.Value.SwaggerUi;
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            return;
        }

        options.OAuthClientId(client.ClientId);
        options.ConfigObject.Plugins ??= [];
        options.ConfigObject.Plugins.Add(PreFillOnlyPlugin);

        // The development issuer's own entry for the client, so its secret and scopes are written down once.
        // Read as plain settings: Swagger UI is set up while the pipeline is built, before the endpoints
        // whose scopes the issuer's settings are checked against exist.
        var issued = developmentIssuer is null
            ? null // the development issuer is not mounted: its demo clients mean nothing to the real one
            : configuration.GetSection($"{DevelopmentIssuerSettings.SectionName}:Clients:{client.ClientId}").Get<DevelopmentClient>();
        var secret = string.IsNullOrWhiteSpace(client.ClientSecret) ? issued?.Secret : client.ClientSecret;
        if (!string.IsNullOrWhiteSpace(secret))
        {
            options.OAuthClientSecret(secret);
        }
        if (issued is { Scopes.Length: > 0 })
        {
            options.OAuthScopes(issued.Scopes);
        }
    }

    /// <summary>
    /// A Swagger UI plugin that keeps initOAuth's client id, secret and scopes to the <c>oauth2</c> form (the
    /// <c>Bearer</c> issuer's), so another issuer is never offered or sent the demo client
    /// (swagger-ui-prefill-only.js says how). Read once, when the options are first built.
    /// </summary>
    internal static readonly string PreFillOnlyPlugin = SwaggerUiScript.Read(
        typeof(SwaggerUiDemoClient), "swagger-ui-prefill-only.js", ("__PREFILLED_SCHEME__", OAuth2Scheme.Name));
}
