using Microsoft.AspNetCore.Http;

namespace ResourceApi.ScopePolicies;

/// <summary>What every <c>WWW-Authenticate: Bearer</c> challenge this API sends carries besides the error.</summary>
public sealed class BearerChallengeOptions
{
    /// <summary>
    /// Where this API serves its RFC 9728 protected resource metadata. When set, each challenge names
    /// the absolute URL in <c>resource_metadata</c>, so a client that got a 401 can find the
    /// authorization server and the scopes without being told out of band.
    /// </summary>
    public PathString ResourceMetadataPath { get; set; }
}
