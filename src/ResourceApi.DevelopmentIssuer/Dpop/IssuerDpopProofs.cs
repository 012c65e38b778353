using ResourceApi.AccessTokens;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// The token endpoint's DPoP proof checker: the access-token library's validator, with the library's defaults
/// (proofs at most 5 minutes old, asymmetric algorithms only, no server nonce) and a replay cache of its own,
/// so the issuer and the API it sits in never share one's entries.
/// </summary>
internal sealed class IssuerDpopProofs(TimeProvider time)
{
    /// <summary>Proofs remembered at once: each for at most 5 minutes plus the clock skew.</summary>
    public const int MaxRememberedProofs = 10_000;

    public DpopProofValidator Validator { get; } =
        new(new DpopOptions(), new MemoryDpopReplayCache(MaxRememberedProofs, time), time);
}
