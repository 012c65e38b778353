using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// A request refused for a DPoP reason: a proof that failed (<c>invalid_dpop_proof</c>, <c>use_dpop_nonce</c>), or a
/// token sent with the wrong scheme for its binding (<c>invalid_token</c>). The message is safe to send to the caller.
/// </summary>
internal sealed class DpopRejectedException(string error, string reason, string description, string? nonce = null)
    : SecurityTokenValidationException(description)
{
    /// <summary>The RFC 6750 / RFC 9449 error code.</summary>
    public string Error { get; } = error;

    /// <summary>The fixed word for metrics.</summary>
    public string Reason { get; } = reason;

    /// <summary>A server nonce to send back in <c>DPoP-Nonce</c>.</summary>
    public string? Nonce { get; } = nonce;

    public static DpopRejectedException From(DpopProofResult result) =>
        new(result.Error ?? DpopProofResult.InvalidDpopProof, result.Reason, result.Description ?? "The DPoP proof is not valid.", result.Nonce);

    public static DpopRejectedException Token(string reason, string description) => new("invalid_token", reason, description);
}
