using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceApi.AccessTokens;

/// <summary>
/// Checks one DPoP proof JWT (RFC 9449 §4.3) against the request it came with, with no HttpContext: usable by a
/// resource server (with the access token and its <c>cnf.jkt</c>) and by a token endpoint (with neither). On success it
/// gives the RFC 7638 thumbprint of the proof's key; otherwise the rule that failed, in words safe to send back.
/// Create one per set of options and keep it: it holds the nonce key and shares the replay cache it is given.
/// </summary>
public sealed class DpopProofValidator
{
    /// <summary>The JOSE <c>typ</c> of a proof.</summary>
    public const string ProofType = "dpop+jwt";

    /// <summary>The longest <c>jti</c> accepted; RFC 9449 asks for 96 bits of randomness, a few dozen characters.</summary>
    public const int MaxJtiLength = 256;

    private const int MinRsaModulusBytes = 2048 / 8;

    // The members only a private JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    // Signature providers are made per proof key and released at once, so keys from callers never fill a cache.
    private static readonly CryptoProviderFactory Verifiers = new() { CacheSignatureProviders = false };

    private readonly DpopOptions _options;
    private readonly IDpopReplayCache _replays;
    private readonly TimeProvider _time;
    private readonly DpopNonces? _nonces;
    private readonly HashSet<string> _algorithms;

    /// <param name="options">The rules; <see cref="DpopOptions.Mode"/> is not this class's concern.</param>
    /// <param name="replayCache">Where used proofs are remembered; share one per process (or cluster) across validators.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public DpopProofValidator(DpopOptions options, IDpopReplayCache replayCache, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replayCache);
        _options = options;
        _replays = replayCache;
        _time = time ?? TimeProvider.System;
        Algorithms = options.SupportedAlgorithms();
        _algorithms = new HashSet<string>(Algorithms, StringComparer.Ordinal);
        _nonces = options.RequireNonce ? DpopNonces.From(options, _time) : null;
    }

    /// <summary>The proof algorithms accepted, for a challenge's <c>algs</c> and metadata's <c>dpop_signing_alg_values_supported</c>.</summary>
    public IReadOnlyList<string> Algorithms { get; }

    /// <summary>A fresh server nonce, for a <c>DPoP-Nonce</c> header; null when <see cref="DpopOptions.RequireNonce"/> is off.</summary>
    public string? CreateNonce() => _nonces?.Create();

    /// <summary>Checks <paramref name="request"/>'s proof; a valid proof's <c>jti</c> is remembered, so the same proof passes once.</summary>
    public async ValueTask<DpopProofResult> ValidateAsync(DpopProofRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = Parse(request);
        if (parsed.Failure is { } failure)
        {
            return failure;
        }

        var (thumbprint, jti, iat, nonce) = parsed.Proof!.Value;
        string? renewal = null;
        if (_nonces is not null)
        {
            if (_nonces.AgeOf(nonce, _options.ClockSkew) is not { } age)
            {
                return DpopProofResult.NonceNeeded(nonce is null
                    ? "This API requires a server nonce in DPoP proofs; retry with the nonce in the DPoP-Nonce header."
                    : "The proof's nonce is not one this API issued or has expired; retry with the nonce in the DPoP-Nonce header.", _nonces.Create());
            }
            renewal = _nonces.IsDueForRenewal(age) ? _nonces.Create() : null;
        }

        // Last, so only a proof that passed every other rule takes a place in the cache. The key is scoped to the
        // proof key: a jti is the caller's choice, and one caller cannot use up another's.
        var key = "dpop:" + thumbprint + ":" + jti;
        var expires = iat + _options.ProofMaxAge + _options.ClockSkew;
        return await _replays.TryAddAsync(key, expires, cancellationToken) switch
        {
            DpopReplayOutcome.Added => DpopProofResult.Valid(thumbprint, renewal),
            DpopReplayOutcome.AlreadySeen => DpopProofResult.Invalid("dpop_replayed", "The proof has been used before (its jti was seen); make a new proof for every request."),
            _ => DpopProofResult.Invalid("dpop_replay_cache_full", "The API cannot remember more proofs right now, so it cannot tell this one is not a replay; retry shortly."),
        };
    }

    private readonly record struct ParsedProof(string Thumbprint, string Jti, DateTimeOffset IssuedAt, string? Nonce);

    private readonly record struct ParseOutcome(ParsedProof? Proof, DpopProofResult? Failure)
    {
        public static implicit operator ParseOutcome(DpopProofResult failure) => new(null, failure);

        public static implicit operator ParseOutcome(ParsedProof proof) => new(proof, null);
    }

    private static DpopProofResult Invalid(string reason, string description) => DpopProofResult.Invalid(reason, description);

    private ParseOutcome Parse(DpopProofRequest request)
    {
        var proof = request.Proof;
        if (string.IsNullOrEmpty(proof))
        {
            return Invalid("dpop_missing", "The request has no DPoP proof; send one in a DPoP header.");
        }
        if (proof.Length > DpopOptions.MaxProofLength)
        {
            return Invalid("dpop_malformed", $"The DPoP proof is longer than {DpopOptions.MaxProofLength / 1024} KB, which no proof is.");
        }

        var parts = proof.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0 || !parts.All(AccessTokenHandler.IsCanonicalBase64Url))
        {
            return Invalid("dpop_malformed", "The DPoP proof is not a signed JWT in compact form (header.payload.signature, canonical base64url).");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("dpop_malformed", "The DPoP proof's header and payload must be JSON objects.");
            }
            return CheckHeader(header.RootElement, parts, out var thumbprint) ?? CheckPayload(payload.RootElement, request, thumbprint!);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return Invalid("dpop_malformed", "The DPoP proof is not a JWT: its header or payload is not base64url-encoded JSON.");
        }
    }

    // RFC 9449 §4.3 steps 4 to 7: typ, alg, jwk, signature.
    private DpopProofResult? CheckHeader(JsonElement header, string[] parts, out string? thumbprint)
    {
        thumbprint = null;
        if (String(header, "typ") is not { } typ || !typ.Equals(ProofType, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("dpop_type", "The DPoP proof's typ header must be dpop+jwt.");
        }
        if (String(header, "alg") is not { } alg || !_algorithms.Contains(alg))
        {
            return Invalid("dpop_algorithm", $"The DPoP proof's alg is not accepted; this API takes {string.Join(", ", Algorithms)} (never none or HMAC).");
        }
        if (header.TryGetProperty("crit", out _))
        {
            return Invalid("dpop_malformed", "The DPoP proof has a critical header (crit) this API does not understand.");
        }
        if (!header.TryGetProperty("jwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            return Invalid("dpop_key", "The DPoP proof has no public key: its header needs a jwk object.");
        }
        if (PrivateMembers.Any(m => jwkElement.TryGetProperty(m, out _)))
        {
            return Invalid("dpop_key", "The DPoP proof's jwk contains private key material; send only the public key (and make a new key: this one is exposed).");
        }

        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(jwkElement.GetRawText());
        }
        catch (ArgumentException)
        {
            return Invalid("dpop_key", "The DPoP proof's jwk is not a valid JSON Web Key.");
        }
        if (KeyMismatch(jwk, alg) is { } mismatch)
        {
            return Invalid("dpop_key", mismatch);
        }

        if (!Verify(jwk, alg, parts))
        {
            return Invalid("dpop_signature", "The DPoP proof's signature does not verify with the key in its jwk header.");
        }
        thumbprint = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        return null;
    }

    // RFC 9449 §4.3 steps 8 to 12 and §7.1: htm, htu, iat, jti, ath, cnf.jkt.
    private ParseOutcome CheckPayload(JsonElement payload, DpopProofRequest request, string thumbprint)
    {
        if (String(payload, "jti") is not { Length: > 0 and <= MaxJtiLength } jti)
        {
            return Invalid("dpop_jti", $"The DPoP proof needs a jti (a unique identifier, at most {MaxJtiLength} characters).");
        }
        if (String(payload, "htm") is not { } htm || !htm.Equals(request.Method, StringComparison.Ordinal))
        {
            return Invalid("dpop_htm", "The DPoP proof's htm is not this request's method.");
        }
        var expectedUri = DpopTargetUri.Normalize(request.Url);
        if (expectedUri is null || DpopTargetUri.Normalize(String(payload, "htu")) is not { } htu || !htu.Equals(expectedUri, StringComparison.Ordinal))
        {
            return Invalid("dpop_htu", $"The DPoP proof's htu is not this request's URL; it must be {expectedUri ?? "the request's absolute http(s) URL"} (query and fragment are ignored).");
        }

        if (!payload.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number || !iatElement.TryGetInt64(out var iatSeconds)
            || iatSeconds is < 0 or > 253402300799)
        {
            return Invalid("dpop_iat", "The DPoP proof needs an iat: the time it was made, in whole seconds since 1970.");
        }
        var iat = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        var now = _time.GetUtcNow();
        if (iat > now + _options.ClockSkew)
        {
            return Invalid("dpop_iat", "The DPoP proof's iat is in the future; check the caller's clock.");
        }
        if (iat < now - _options.ProofMaxAge)
        {
            return Invalid("dpop_iat", $"The DPoP proof is too old: this API accepts proofs made within {_options.ProofMaxAge.TotalSeconds:0} seconds; make a new one for every request.");
        }

        if (request.AccessToken is { } token)
        {
            var ath = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
            if (String(payload, "ath") is not { } claimed || !FixedTimeEquals(claimed, ath))
            {
                return Invalid("dpop_ath", "The DPoP proof's ath is not the base64url SHA-256 of the access token sent with it.");
            }
        }
        if (request.ExpectedThumbprint is { } jkt && !FixedTimeEquals(jkt, thumbprint))
        {
            return Invalid("dpop_binding", "The DPoP proof is signed with a key other than the one the access token is bound to (cnf.jkt).");
        }

        var nonce = payload.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new ParsedProof(thumbprint, jti, iat, nonce);
    }

    private static string? KeyMismatch(JsonWebKey jwk, string alg)
    {
        if (alg.StartsWith("ES", StringComparison.Ordinal))
        {
            var curve = alg switch { "ES256" => "P-256", "ES384" => "P-384", _ => "P-521" };
            return jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && jwk.Crv == curve && jwk.X is { Length: > 0 } && jwk.Y is { Length: > 0 }
                ? null
                : $"The DPoP proof's jwk must be an EC key on {curve} (kty, crv, x, y) for {alg}.";
        }
        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA || jwk.N is not { Length: > 0 } n || jwk.E is not { Length: > 0 })
        {
            return $"The DPoP proof's jwk must be an RSA key (kty, n, e) for {alg}.";
        }
        return Base64UrlEncoder.DecodeBytes(n).AsSpan().TrimStart((byte)0).Length < MinRsaModulusBytes
            ? "The DPoP proof's RSA key is shorter than 2048 bits."
            : null;
    }

    private static bool Verify(JsonWebKey jwk, string alg, string[] parts)
    {
        jwk.CryptoProviderFactory = Verifiers;
        SignatureProvider? provider = null;
        try
        {
            provider = Verifiers.CreateForVerifying(jwk, alg);
            return provider.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or CryptographicException or InvalidOperationException or FormatException)
        {
            return false;
        }
        finally
        {
            if (provider is not null)
            {
                Verifiers.ReleaseSignatureProvider(provider);
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
