using System.Text.Json;
using OpenIddict.Server;

namespace ResourceApi.DevelopmentIssuer.Dpop;

/// <summary>
/// What a valid proof at the token endpoint leaves for the rest of the request: the RFC 7638 thumbprint of the
/// caller's key, which the token is bound to (<c>cnf.jkt</c>, RFC 9449 §6) and which makes the response's
/// <c>token_type</c> <c>DPoP</c> (§5).
/// </summary>
public static class DpopBinding
{
    /// <summary>The <c>token_type</c> of a DPoP-bound token, and the authorization scheme it is sent with.</summary>
    public const string TokenType = "DPoP";

    /// <summary>The confirmation claim (RFC 7800) that carries the key thumbprint.</summary>
    public const string ConfirmationClaim = "cnf";

    private const string PropertyName = "resourceapi:dpop_jkt";

    internal static void Bind(OpenIddictServerTransaction transaction, string thumbprint) =>
        transaction.SetProperty(PropertyName, thumbprint);

    /// <summary>The thumbprint a valid proof left on this request; null when it carried no proof.</summary>
    public static string? Thumbprint(OpenIddictServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.GetProperty<string>(PropertyName);
    }

    /// <summary><c>{"jkt": "..."}</c>, the value of the token's <c>cnf</c> claim.</summary>
    public static JsonElement Confirmation(string thumbprint) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["jkt"] = thumbprint });
}
