using ResourceApi.AccessTokens;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// The token endpoint's DPoP proof checker: the access-token library's validator, with the library's defaults
/// (proofs at most 5 minutes old, asymmetric algorithms only, no server nonce) and a replay cache of its own,
/// so the issuer and the API it sits in never share one's entries.
/// </summary>
internal sealed class IssuerDpopProofs
{
    /// <summary>Proofs remembered at once, each for at most 5 minutes plus the clock skew: under 0.5 MB.</summary>
    public const int MaxRememberedProofs = 10_000;

    public IssuerDpopProofs(TimeProvider time)
    {
        ReplayCache = new MemoryDpopReplayCache(MaxRememberedProofs, time);
        Validator = new DpopProofValidator(new DpopOptions(), ReplayCache, time);
    }

    public MemoryDpopReplayCache ReplayCache { get; }

    public DpopProofValidator Validator { get; }
}
