using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.OpenApi;

/// <summary>
/// Swagger UI at <c>/swagger</c>, set up for the client-credentials flow: token requests carry this
/// API's audience. The demo client that pre-fills the dialog is a Development convenience, set up
/// apart from this (Development/SwaggerUiDemoClient).
/// </summary>
internal sealed class SwaggerUiSetup(IOptionsMonitor<JwtBearerOptions> bearer) : IConfigureOptions<SwaggerUIOptions>
{
    public void Configure(SwaggerUIOptions options)
    {
        options.RoutePrefix = "swagger";
        options.DocumentTitle = "ResourceApi";
        options.SwaggerEndpoint($"{ApiDocumentationExtensions.DocumentName}/swagger.json", "ResourceApi " + ApiDocumentationExtensions.DocumentName);
        options.EnablePersistAuthorization();
        options.EnableTryItOutByDefault();

        var audiences = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ValidAudiences;
        if (audiences?.FirstOrDefault() is { } audience)
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
