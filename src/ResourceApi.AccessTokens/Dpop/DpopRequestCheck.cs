using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace ResourceApi.AccessTokens;

/// <summary>
/// The DPoP rules of RFC 9449 §7 for a validated token, per scheme and its <see cref="DpopMode"/>: a bound token
/// (<c>cnf.jkt</c>) needs the DPoP scheme and one valid proof for this request, signed by the bound key; an unbound
/// token needs the Bearer scheme, and is refused under Required. Runs on every request after the token is
/// validated, from the validated-token cache or in full, so a cached token never skips its proof, and a failed proof
/// never touches the cache.
/// </summary>
internal sealed class DpopRequestCheck(IOptionsMonitor<AccessTokenOptions> options, IDpopReplayCache replays, TimeProvider time)
{
    public const string ProofHeader = "DPoP";

    public const string NonceHeader = "DPoP-Nonce";

    // One validator per settings object: rebuilt settings get their own, sharing the one replay cache.
    private readonly ConditionalWeakTable<AccessTokenOptions, DpopProofValidator> _validators = [];

    public DpopOptions OptionsOf(string scheme) => options.Get(scheme).Dpop;

    public DpopProofValidator ValidatorOf(string scheme) =>
        _validators.GetValue(options.Get(scheme), o => new DpopProofValidator(o.Dpop, replays, time));

    /// <returns>Null when the request may go on; otherwise why not.</returns>
    public async ValueTask<DpopRejectedException?> CheckAsync(HttpContext context, string scheme, ClaimsPrincipal principal, PresentedToken presented)
    {
        var mode = OptionsOf(scheme).Mode;
        if (mode == DpopMode.Disabled)
        {
            return null;
        }

        if (!TryReadBinding(principal, out var jkt))
        {
            return DpopRejectedException.Token("dpop_unknown_binding",
                "The token is bound to its holder by a confirmation method (cnf) this API cannot check; it accepts DPoP-bound tokens (cnf.jkt).");
        }

        if (!presented.IsDpop)
        {
            if (jkt is not null)
            {
                // RFC 9449 §7.2: otherwise the binding would be worth nothing, since anyone holding the token could drop the scheme.
                return DpopRejectedException.Token("dpop_bound_as_bearer",
                    "The token is DPoP-bound (cnf.jkt): send it as 'Authorization: DPoP <token>' with a DPoP proof signed by its key.");
            }
            return mode == DpopMode.Required
                ? DpopRejectedException.Token("dpop_required",
                    "This API requires DPoP-bound tokens: ask the issuer for one with a DPoP proof, and send it as 'Authorization: DPoP <token>' with a proof.")
                : null;
        }

        if (jkt is null)
        {
            return DpopRejectedException.Token("dpop_unbound",
                "The token is not DPoP-bound (it has no cnf.jkt), so it cannot be sent with the DPoP scheme; " +
                (mode == DpopMode.Required ? "ask the issuer for a DPoP-bound token." : "send it as 'Authorization: Bearer <token>'."));
        }

        var proofs = context.Request.Headers[ProofHeader];
        if (proofs.Count != 1)
        {
            return DpopRejectedException.From(proofs.Count == 0
                ? Invalid("dpop_missing", "The request has no DPoP proof; send exactly one DPoP header with a proof signed by the token's key.")
                : Invalid("dpop_multiple", "The request has more than one DPoP header; send exactly one."));
        }

        if (RequestUrl(context.Request) is not { } url)
        {
            return DpopRejectedException.From(Invalid("dpop_htu", "The request's URL cannot be read as an absolute URL, so no proof can match it."));
        }

        var result = await ValidatorOf(scheme).ValidateAsync(
            new DpopProofRequest(proofs[0] ?? "", context.Request.Method, url) { AccessToken = presented.Token, ExpectedThumbprint = jkt },
            context.RequestAborted);
        if (!result.IsValid)
        {
            return DpopRejectedException.From(result);
        }
        if (result.Nonce is { } renewal)
        {
            context.Response.Headers[NonceHeader] = renewal;
        }
        return null;
    }

    private static DpopProofResult Invalid(string reason, string description) => DpopProofResult.Invalid(reason, description);

    // The URL as this API received it: the scheme as the trusted-proxy settings made it (UseForwardedHeaders), the
    // host from the Host header (which AllowedHosts restricts), never X-Forwarded-Host; query left out.
    private static Uri? RequestUrl(HttpRequest request)
    {
        try
        {
            return Uri.TryCreate(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path), UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>False when there is a cnf this API cannot read; otherwise <paramref name="jkt"/> is the bound thumbprint, or null when unbound.</summary>
    private static bool TryReadBinding(ClaimsPrincipal principal, out string? jkt)
    {
        jkt = null;
        var cnf = principal.FindFirst("cnf");
        if (cnf is null)
        {
            return true;
        }
        try
        {
            using var json = JsonDocument.Parse(cnf.Value);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("jkt", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 128 } thumbprint)
            {
                jkt = thumbprint;
                return true;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
