using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Client.Dpop;

/// <summary>
/// Signs a fresh DPoP proof onto each attempt of a request (it sits inside the resilience handler, so a
/// retried 503 carries a new <c>jti</c>, never a replayed one), with the server's last nonce. When the
/// server answers <c>use_dpop_nonce</c> with a <c>DPoP-Nonce</c> header (the issuer: 400 and an OAuth
/// error body; the API: 401 and a <c>DPoP</c> challenge), the request is sent once more with a proof
/// carrying that nonce; a second demand is the caller's to see. Proofs go on token requests (POST) at
/// the issuer, and on API calls that carry a DPoP-bound token (<c>Authorization: DPoP</c>, hashed into
/// <c>ath</c>). With DPoP off (no key), it adds nothing.
/// </summary>
public sealed partial class DpopProofHandler(DpopKey? key, DpopNonces nonces, DpopProofHandler.Server server, ILogger<DpopProofHandler> logger) : DelegatingHandler
{
    public const string ProofHeader = "DPoP";
    public const string NonceHeader = "DPoP-Nonce";
    public const string Scheme = "DPoP";
    public const string UseDpopNonce = "use_dpop_nonce";

    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Which server the handler's client talks to: the rules for which requests get a proof differ.</summary>
    public enum Server
    {
        Issuer,
        Api,
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var accessToken = request.Headers.Authorization is { Scheme: var scheme, Parameter: var token }
            && string.Equals(scheme, Scheme, StringComparison.OrdinalIgnoreCase) ? token : null;
        var needsProof = key is not null && (server == Server.Issuer ? request.Method == HttpMethod.Post : accessToken is not null);
        if (!needsProof)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var nonceKey = $"{server} {request.RequestUri!.GetLeftPart(UriPartial.Authority)}";
        var response = await SendWithProofAsync(request, accessToken, nonceKey, cancellationToken);
        if (!await DemandsNonceAsync(response, cancellationToken))
        {
            return response;
        }

        // The nonce the server just gave is remembered; send once more with a proof carrying it.
        LogNonceDemanded(logger, server, request.Method, request.RequestUri.AbsolutePath);
        response.Dispose();
        return await SendWithProofAsync(request, accessToken, nonceKey, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProofAsync(HttpRequestMessage request, string? accessToken, string nonceKey, CancellationToken cancellationToken)
    {
        request.Headers.Remove(ProofHeader);
        request.Headers.TryAddWithoutValidation(ProofHeader, key!.CreateProof(request.Method, request.RequestUri!, accessToken, nonces.For(nonceKey)));
        var response = await base.SendAsync(request, cancellationToken);

        // RFC 9449 §8.2: any answer may carry the next nonce to use.
        if (response.Headers.TryGetValues(NonceHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } nonce)
        {
            nonces.Remember(nonceKey, nonce);
        }
        return response;
    }

    private async Task<bool> DemandsNonceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.Headers.Contains(NonceHeader))
        {
            return false;
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return response.Headers.WwwAuthenticate.Any(IsNonceChallenge);
        }
        if (response.StatusCode != HttpStatusCode.BadRequest || server != Server.Issuer)
        {
            return false;
        }

        // The token endpoint says it in an OAuth error body (RFC 9449 §8). Buffered, so the caller can still
        // read it, and bounded: an error body is a few hundred bytes.
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && error.GetString() == UseDpopNonce;
        }
        catch (Exception e) when (e is JsonException or HttpRequestException)
        {
            return false;
        }
    }

    private static bool IsNonceChallenge(AuthenticationHeaderValue challenge) =>
        string.Equals(challenge.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
        && NonceError().IsMatch(challenge.Parameter ?? "");

    // error="use_dpop_nonce" or error=use_dpop_nonce, among the challenge's other parameters.
    [GeneratedRegex("""(?:^|[\s,])error\s*=\s*(?:"use_dpop_nonce"|use_dpop_nonce(?:[\s,]|$))""")]
    private static partial Regex NonceError();

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "The {Server} asked for a DPoP nonce on {Method} {Path}; sending once more with it.")]
    private static partial void LogNonceDemanded(ILogger logger, Server server, HttpMethod method, string path);
}
