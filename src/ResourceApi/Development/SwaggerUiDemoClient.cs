using Microsoft.Extensions.Options;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.OpenApi;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.Development;

/// <summary>
/// Pre-fills Swagger UI's Authorize dialog with the demo client from <c>OpenApi:SwaggerUi</c>, and
/// pre-selects the scopes the development issuer grants it, so "Authorize" gets a token in one click.
/// A client secret in a page anyone can open is a demo convenience: this is registered in Development only.
/// </summary>
internal sealed class SwaggerUiDemoClient(IOptions<ApiDocumentationSettings> settings, IConfiguration configuration) : IConfigureOptions<SwaggerUIOptions>
{
    public void Configure(SwaggerUIOptions options)
    {
        var client = settings.Value.SwaggerUi;
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            return;
        }

        options.OAuthClientId(client.ClientId);

        // The development issuer's own entry for the client, so its secret and scopes are written down once.
        // Read as plain settings: Swagger UI is set up while the pipeline is built, before the endpoints
        // whose scopes the issuer's settings are checked against exist.
        var issued = configuration.GetSection($"{DevelopmentIssuerSettings.SectionName}:Clients:{client.ClientId}").Get<DevelopmentClient>();
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
}
