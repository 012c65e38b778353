using System.Text.Json.Serialization;

namespace ResourceApi.Metadata;

/// <summary>
/// RFC 9728 protected resource metadata: where to get a token for this API, which scopes it knows and, when it
/// takes DPoP, the proof algorithms it accepts and whether it requires DPoP-bound tokens.
/// </summary>
public sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName,
    [property: JsonPropertyName("dpop_signing_alg_values_supported"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DpopSigningAlgValuesSupported = null,
    [property: JsonPropertyName("dpop_bound_access_tokens_required")] bool DpopBoundAccessTokensRequired = false);
