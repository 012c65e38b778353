namespace ResourceApi.BearerErrors;

/// <summary>What every <c>WWW-Authenticate: Bearer</c> challenge this API sends carries besides the error.</summary>
public sealed class BearerChallengeOptions
{
    /// <summary>
    /// The absolute URL of this API's RFC 9728 protected resource metadata. When set, each challenge names
    /// it in <c>resource_metadata</c>, so a client that got a 401 can find the authorization server and
    /// the scopes without being told out of band. Derive it from your resource identifier (RFC 9728 §3.1:
    /// <c>/.well-known/oauth-protected-resource</c> inserted between its host and its path), never from
    /// the request's <c>Host</c>, which the caller chooses.
    /// </summary>
    public string? ResourceMetadataUrl { get; set; }
}
