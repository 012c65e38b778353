using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ResourceApi.AccessTokens;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// A client credentials request with a <c>DPoP</c> header (RFC 9449 §5): its one proof must be valid for a
/// <c>POST</c> to this token endpoint's URL, as received, and is used once. The thumbprint of its key is then
/// the one the token is bound to. An invalid proof gets 400 <c>invalid_dpop_proof</c> and no token; a request
/// without the header gets a plain bearer token, as before.
/// </summary>
internal sealed class DpopProofCheck(IssuerDpopProofs proofs) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public const string HeaderName = "DPoP";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<DpopProofCheck>()
            // Once the client is authenticated: an unauthenticated caller's proofs take no place in the replay cache.
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || !context.Request.IsClientCredentialsGrantType())
        {
            return;
        }
        var headers = request.Headers[HeaderName];
        if (headers.Count == 0)
        {
            return;
        }
        // A proof has no comma: one in the value is several headers folded into one line (RFC 9110, section 5.3).
        if (headers.Count > 1 || headers[0]!.Contains(',', StringComparison.Ordinal))
        {
            context.Reject(DpopProofResult.InvalidDpopProof, "The request carries more than one DPoP header; send exactly one proof.");
            return;
        }

        // The URL as this server received it: the proof's htu is compared with it (query ignored), whatever the
        // discovery document says, as a resource server does.
        var url = new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path));
        var result = await proofs.Validator.ValidateAsync(new DpopProofRequest(headers[0]!, request.Method, url), request.HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            context.Reject(result.Error!, Ascii(result.Description));
            return;
        }
        DpopBinding.Bind(context.Transaction, result.Thumbprint!);
    }

    // OpenIddict refuses an error_description with characters outside RFC 6749 section 5.2's set (printable ASCII
    // but " and \), and would answer 500 instead of the refusal.
    private static string? Ascii(string? description)
    {
        if (description is null)
        {
            return null;
        }
        var builder = new StringBuilder(description.Length);
        foreach (var c in description)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }
        return builder.ToString();
    }
}
