namespace ResourceApi.AccessTokens;

/// <summary>
/// One proof to check, and what it must match: the request it came with (method and URL as the server received
/// it; query and fragment are ignored) and, at a resource server, the access token (<c>ath</c>) and the token's
/// <c>cnf.jkt</c>.
/// </summary>
/// <param name="Proof">The value of the request's one <c>DPoP</c> header.</param>
/// <param name="Method">The request's HTTP method, compared with the proof's <c>htm</c>.</param>
/// <param name="Url">The request's absolute URL, compared with the proof's <c>htu</c> after RFC 3986 normalization.</param>
public sealed record DpopProofRequest(string Proof, string Method, Uri Url)
{
    /// <summary>The access token sent with the proof: its SHA-256 must be the proof's <c>ath</c>. Null at a token endpoint.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The token's <c>cnf.jkt</c>: the RFC 7638 thumbprint the proof key must have. Null when nothing is bound yet.</summary>
    public string? ExpectedThumbprint { get; init; }
}
