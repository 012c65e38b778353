using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace ResourceApi.Client.Tokens;

/// <summary>
/// Signs a fresh <c>private_key_jwt</c> assertion onto every attempt of a token request. It sits inside
/// the resilience handler and the DPoP nonce retry, which resend the same request, and an issuer that
/// accepts each assertion <c>jti</c> once (as RFC 7523 §3 allows, and the development issuer does) would
/// refuse a resent one. The new assertion comes from the request's
/// <see cref="ProtocolRequest.ClientAssertionFactory"/>, set by <see cref="TokenEndpointClient"/>.
/// </summary>
public sealed class ClientAssertionHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(ProtocolRequestOptions.ClientAssertionFactory, out var factory)
            && request.Content is FormUrlEncodedContent form)
        {
            var fields = Parse(await form.ReadAsStringAsync(cancellationToken));
            var index = fields.FindIndex(f => f.Key == OidcConstants.TokenRequest.ClientAssertion);
            if (index >= 0)
            {
                var assertion = await factory!();
                fields[index] = new(fields[index].Key, assertion.Value!);
                request.Content = new FormUrlEncodedContent(fields);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static List<KeyValuePair<string, string>> Parse(string form) =>
        form.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : ""))
            .ToList();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
