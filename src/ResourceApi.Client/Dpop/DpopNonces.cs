using System.Collections.Concurrent;

namespace ResourceApi.Client.Dpop;

/// <summary>
/// The last <c>DPoP-Nonce</c> each server gave (RFC 9449 §8-9), keyed by its role (issuer or API) and
/// origin, so the issuer's and the API's nonces never mix even on one host, as in Development. Bounded:
/// one entry per server this client talks to (two, with the settings it has).
/// </summary>
public sealed class DpopNonces
{
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.Ordinal);

    public string? For(string server) => _nonces.GetValueOrDefault(server);

    public void Remember(string server, string nonce) => _nonces[server] = nonce;
}
