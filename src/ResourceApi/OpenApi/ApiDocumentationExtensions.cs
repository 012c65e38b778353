using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ResourceApi.OpenApi;

/// <summary>The OpenAPI document and Swagger UI, both derived from the endpoints' own declarations.</summary>
public static class ApiDocumentationExtensions
{
    public const string DocumentName = "v1";

    /// <summary>
    /// Registers the OpenAPI generator: handler XML docs as summaries, each operation's scopes read from
    /// its <c>RequireScope</c>/<c>RequireAnyScope</c> metadata and named policies, and an <c>oauth2</c> client-credentials
    /// scheme whose token URL comes from the issuer's discovery document. Only where the documents are served
    /// (Development, or <c>OpenApi:EnableSwaggerUi</c>); elsewhere only the settings are bound.
    /// </summary>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<ApiDocumentationSettings>().BindConfiguration(ApiDocumentationSettings.SectionName);

        // Where the documents are not served, their generator is not even loaded (Swashbuckle, Microsoft.OpenApi).
        var enabled = new ApiDocumentationSettings
        {
            EnableSwaggerUi = configuration.GetValue<bool>($"{ApiDocumentationSettings.SectionName}:{nameof(ApiDocumentationSettings.EnableSwaggerUi)}"),
        }.IsEnabled(environment);
        if (enabled)
        {
            AddSwaggerServices(services);
        }
        return services;
    }

    // Never inlined, like UseSwaggerDocuments: compiling either loads Swashbuckle's assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddSwaggerServices(IServiceCollection services)
    {
        services.AddSingleton<TokenEndpointResolver>();
        services.AddSingleton<IConfigureOptions<Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions>, SwaggerUiSetup>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ResourceApi",
                Version = DocumentName,
                Description = "An OAuth 2.0 protected resource server. Every operation states the scopes its access token needs; "
                    + "get a token with the client-credentials grant (Authorize button) and call it.",
            });

            var xml = Path.ChangeExtension(typeof(ApiDocumentationExtensions).Assembly.Location, ".xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }

            options.OperationAsyncFilter<SecurityOperationFilter>();
            options.DocumentAsyncFilter<OAuth2SecuritySchemeDocumentFilter>();
        });
    }

    /// <summary>
    /// Serves <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c> in Development, or where
    /// <c>OpenApi:EnableSwaggerUi</c> is true. Call it before authentication: both are public and
    /// answer before the fallback policy runs, which still covers every API endpoint.
    /// </summary>
    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<IOptions<ApiDocumentationSettings>>().Value;
        if (!settings.IsEnabled(app.Environment))
        {
            return app;
        }

        UseSwaggerDocuments(app);
        return app;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSwaggerDocuments(WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
    }
}
