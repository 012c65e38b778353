namespace ResourceApi.AccessTokens;

/// <summary>The outcome of checking one proof: the proof key's thumbprint, or the reason it was refused.</summary>
public sealed class DpopProofResult
{
    private DpopProofResult(string? thumbprint, string? error, string? description, string reason, string? nonce)
    {
        Thumbprint = thumbprint;
        Error = error;
        Description = description;
        Reason = reason;
        Nonce = nonce;
    }

    /// <summary>The RFC 9449 error for a proof without a valid server nonce.</summary>
    public const string UseDpopNonce = "use_dpop_nonce";

    /// <summary>The RFC 9449 error for any other refused proof.</summary>
    public const string InvalidDpopProof = "invalid_dpop_proof";

    public bool IsValid => Error is null;

    /// <summary>The base64url RFC 7638 SHA-256 thumbprint of the proof's key: the <c>cnf.jkt</c> a token is bound to.</summary>
    public string? Thumbprint { get; }

    /// <summary><see cref="InvalidDpopProof"/> or <see cref="UseDpopNonce"/>; null when valid.</summary>
    public string? Error { get; }

    /// <summary>Why, in plain words safe to send to the caller: it names the rule, never the proof or the token.</summary>
    public string? Description { get; }

    /// <summary>A short fixed word for metrics (<c>valid</c>, <c>dpop_htu</c>, <c>dpop_replayed</c>...).</summary>
    public string Reason { get; }

    /// <summary>A fresh server nonce to send in <c>DPoP-Nonce</c>: always with <see cref="UseDpopNonce"/>, and on success when the one used is getting old.</summary>
    public string? Nonce { get; }

    internal static DpopProofResult Valid(string thumbprint, string? nonce) => new(thumbprint, null, null, "valid", nonce);

    internal static DpopProofResult Invalid(string reason, string description) => new(null, InvalidDpopProof, description, reason, null);

    internal static DpopProofResult NonceNeeded(string description, string nonce) => new(null, UseDpopNonce, description, "dpop_nonce", nonce);
}
