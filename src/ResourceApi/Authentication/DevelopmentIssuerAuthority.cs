using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Authentication;

/// <summary>
/// Points the API at the built-in development issuer by URL, so its keys come through discovery
/// and the JWKS over HTTP exactly as they would from Auth0: no key is shared in process.
/// </summary>
internal sealed class DevelopmentIssuerAuthority(IssuerUrl issuer) : IDefaultAuthority
{
    public string GetAuthority() => issuer.Value.AbsoluteUri;
}
