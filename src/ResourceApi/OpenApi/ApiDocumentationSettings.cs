namespace ResourceApi.OpenApi;

/// <summary>The <c>OpenApi</c> settings: whether the document and Swagger UI are served, and the UI's demo client.</summary>
public sealed class ApiDocumentationSettings
{
    public const string SectionName = "OpenApi";

    /// <summary>Serves <c>/swagger</c> and the JSON document outside Development too. Development always serves them.</summary>
    public bool EnableSwaggerUi { get; set; }

    public SwaggerUiClientSettings SwaggerUi { get; set; } = new();

    public bool IsEnabled(IHostEnvironment environment) => EnableSwaggerUi || environment.IsDevelopment();
}

/// <summary>
/// The client the Authorize dialog is pre-filled with. Only honoured in Development: a secret in a page
/// anyone can open is a demo convenience, never a production setting.
/// </summary>
public sealed class SwaggerUiClientSettings
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
