using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// DPoP settings of one scheme (<c>Authentication:Schemes:{name}:Dpop</c>), and what a <see cref="DpopProofValidator"/>
/// built outside a scheme (a token endpoint) is given.
/// </summary>
public sealed class DpopOptions
{
    public const string SectionName = "Dpop";

    /// <summary>Asymmetric algorithms only (RFC 9449 §4.3 step 5): ECDSA, RSA-PSS and RSA PKCS#1 v1.5; never <c>none</c> or HMAC.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    ];

    public static readonly TimeSpan DefaultProofMaxAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxProofMaxAge = TimeSpan.FromHours(1);

    public static readonly TimeSpan DefaultNonceLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxNonceLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest proof accepted, in characters: a proof carrying a 4096-bit RSA key is under 2 KB.</summary>
    public const int MaxProofLength = 8 * 1024;

    /// <summary>Disabled, Allowed (default) or Required.</summary>
    public DpopMode Mode { get; set; } = DpopMode.Allowed;

    /// <summary>The oldest a proof's <c>iat</c> may be; also how long its <c>jti</c> is remembered.</summary>
    public TimeSpan ProofMaxAge { get; set; } = DefaultProofMaxAge;

    /// <summary>How far ahead of this clock a proof's <c>iat</c> may be. Within a scheme: the scheme's <c>ClockSkew</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = AccessTokenOptions.DefaultClockSkew;

    /// <summary>The proof algorithms accepted, announced in the challenge's <c>algs</c> and in the RFC 9728 metadata.</summary>
    public IReadOnlyList<string> Algorithms { get; set; } = DefaultAlgorithms;

    /// <summary><see cref="Algorithms"/> that this API can check, in the order of <see cref="DefaultAlgorithms"/>: what a challenge's <c>algs</c> and RFC 9728 metadata announce.</summary>
    public IReadOnlyList<string> SupportedAlgorithms() => [.. DefaultAlgorithms.Where(Algorithms.Contains)];

    /// <summary>Every proof must carry a nonce this server issued (RFC 9449 §9), refused with <c>use_dpop_nonce</c> otherwise.</summary>
    public bool RequireNonce { get; set; }

    /// <summary>How long a server nonce stays good after it is issued.</summary>
    public TimeSpan NonceLifetime { get; set; } = DefaultNonceLifetime;

    /// <summary>
    /// The HMAC key of server nonces, base64 (at least 32 bytes). Absent: one random key per process, so a nonce
    /// is only good at the replica that issued it; replicas that must accept each other's nonces share this key.
    /// </summary>
    public string? NonceKey { get; set; }
}
