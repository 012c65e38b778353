namespace ResourceApi.OpenApi;

/// <summary>
/// Endpoint metadata: what each scope allows, in words, for the Authorize dialog. A feature puts it on the
/// endpoints (or route group) that need the scopes, so the words sit with the names and the OpenAPI code
/// knows no feature.
/// </summary>
public sealed record ScopeDescriptions(IReadOnlyDictionary<string, string> Descriptions);
