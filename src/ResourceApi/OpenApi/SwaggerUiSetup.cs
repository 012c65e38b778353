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
    /// Swagger UI's client-credentials request has no audience, and its additionalQueryStringParams would
    /// put one in the token URL's query, where Auth0 ignores it, and the same one in every issuer's. This
    /// adds to the form body the <c>x-audience</c> of the flow whose token URL the request goes to.
    /// </summary>
    internal const string AudienceInterceptor = "(request) => { "
        + "if (typeof request.body !== 'string' || request.body.indexOf('grant_type=client_credentials') === -1 || request.body.indexOf('audience=') !== -1) { return request; } "
        + "var here = window.location.href; var target = new URL(request.url, here).href; "
        + "var schemes = window.ui.specSelectors.specJson().getIn(['components', 'securitySchemes']); "
        + "var flow = schemes && schemes.map(function (s) { return s.getIn(['flows', 'clientCredentials']); }).find(function (f) { "
        + "return f && f.get('tokenUrl') && new URL(f.get('tokenUrl'), here).href === target; }); "
        + "var audience = flow && flow.get('" + OAuth2Scheme.AudienceExtension + "'); "
        + "if (audience) { request.body += '&audience=' + encodeURIComponent(audience); } "
        + "return request; }";

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
