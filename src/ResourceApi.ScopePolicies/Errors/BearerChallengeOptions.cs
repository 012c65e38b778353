using System;
using Microsoft.AspNetCore.Http;

namespace ResourceApi.ScopePolicies;

/// <summary>What every <c>WWW-Authenticate: Bearer</c> challenge this API sends carries besides the error.</summary>
public sealed class BearerChallengeOptions
{
    /// <summary>
    /// The absolute URL of this API's RFC 9728 protected resource metadata. When set, each challenge
    /// names it in <c>resource_metadata</c>, so a client that got a 401 can find the authorization
    /// server and the scopes without being told out of band. Preferred over <see cref="ResourceMetadataPath"/>:
    /// it does not depend on the Host header a caller sent.
    /// </summary>
    public Uri? ResourceMetadataUrl { get; set; }

    /// <summary>The metadata's path on this host, used with the request's own scheme and host when no URL is set.</summary>
    public PathString ResourceMetadataPath { get; set; }
}
