using System.Text.Json;
using Microsoft.Extensions.Options;
using ResourceApi.Authentication;
using ResourceApi.DevelopmentIssuer;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.OpenApi;

/// <summary>
/// Swagger UI for a client-credentials API: the Authorize dialog gets a token from the issuer (pre-filled
/// with a demo client in Development), asks for this API as its audience, and keeps the token across reloads.
/// </summary>
internal sealed class SwaggerUiSetup(
    IOptions<ApiDocumentationSettings> settings,
    IOptions<BearerTokenSettings> bearer,
    IConfiguration configuration,
    IHostEnvironment environment) : IConfigureOptions<SwaggerUIOptions>
{
    public void Configure(SwaggerUIOptions options)
    {
        options.RoutePrefix = "swagger";
        options.DocumentTitle = "ResourceApi";
        options.SwaggerEndpoint($"{ApiDocumentationExtensions.DocumentName}/swagger.json", "ResourceApi " + ApiDocumentationExtensions.DocumentName);
        options.EnablePersistAuthorization();
        options.EnableTryItOutByDefault();

        // A client secret in a page anyone can open is a demo convenience, never a production setting.
        var client = settings.Value.SwaggerUi;
        if (environment.IsDevelopment())
        {
            if (!string.IsNullOrWhiteSpace(client.ClientId))
            {
                options.OAuthClientId(client.ClientId);
            }
            // The development issuer's own entry for the client, so its secret is written down once.
            var secret = string.IsNullOrWhiteSpace(client.ClientSecret)
                ? configuration[$"{DevelopmentIssuerSettings.SectionName}:Clients:{client.ClientId}:Secret"]
                : client.ClientSecret;
            if (!string.IsNullOrWhiteSpace(secret))
            {
                options.OAuthClientSecret(secret);
            }
        }

        if (bearer.Value.Audiences is [var audience, ..])
        {
            options.UseRequestInterceptor(AudienceInterceptor(audience));
        }
    }

    /// <summary>
    /// Swagger UI's client-credentials request has no audience, and its additionalQueryStringParams would
    /// put one in the token URL's query, where Auth0 ignores it. This adds it to the form body instead.
    /// </summary>
    internal static string AudienceInterceptor(string audience) =>
        "(request) => { "
        + "if (typeof request.body === 'string' && request.body.indexOf('grant_type=client_credentials') !== -1 && request.body.indexOf('audience=') === -1) "
        + "{ request.body += '&audience=' + encodeURIComponent(" + JsonSerializer.Serialize(audience) + "); } "
        + "return request; }";
}
