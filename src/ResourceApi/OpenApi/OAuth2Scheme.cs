namespace ResourceApi.OpenApi;

/// <summary>The one security scheme of the document: OAuth 2.0 client credentials.</summary>
public static class OAuth2Scheme
{
    /// <summary>Its key under <c>components.securitySchemes</c>, which every operation's requirement names.</summary>
    public const string Name = "oauth2";

    /// <summary>Lists the scopes an operation needs, and whether all or any of them.</summary>
    public const string RequiredScopesExtension = "x-required-scopes";
}
