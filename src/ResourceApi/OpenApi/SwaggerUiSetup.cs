using Microsoft.Extensions.Options;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.OpenApi;

/// <summary>
/// Swagger UI at <c>/swagger</c>, set up for the client-credentials flows: each token request carries the
/// audience of the issuer it goes to. The demo client that pre-fills the dialog is a Development
/// convenience, set up apart from this (Development/SwaggerUiDemoClient).
/// </summary>
internal sealed class SwaggerUiSetup : IConfigureOptions<SwaggerUIOptions>
{
    /// <summary>
    /// Adds to a client-credentials token request the <c>x-audience</c> of the flow whose token URL it goes to
    /// (swagger-ui-audience.js says why). Read once, when the options are first built.
    /// </summary>
    internal static readonly string AudienceInterceptor = SwaggerUiScript.Read(
        typeof(SwaggerUiSetup), "swagger-ui-audience.js", ("__AUDIENCE_EXTENSION__", OAuth2Scheme.AudienceExtension));

    public void Configure(SwaggerUIOptions options)
    {
        options.RoutePrefix = "swagger";
        options.DocumentTitle = "ResourceApi";
        options.SwaggerEndpoint($"{ApiDocumentationExtensions.DocumentName}/swagger.json", "ResourceApi " + ApiDocumentationExtensions.DocumentName);
        options.EnablePersistAuthorization();
        options.EnableTryItOutByDefault();
        options.UseRequestInterceptor(AudienceInterceptor);
    }
}
