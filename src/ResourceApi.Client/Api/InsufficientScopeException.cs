namespace ResourceApi.Client.Api;

/// <summary>
/// 403 <c>insufficient_scope</c>: the token is fine but lacks a scope the endpoint needs. Not retried:
/// the fix is to grant the client that scope at the issuer (or ask for it in <c>Scopes</c>).
/// </summary>
public sealed class InsufficientScopeException : ApiCallException
{
    public InsufficientScopeException()
    {
    }

    public InsufficientScopeException(string message) : base(message)
    {
    }

    public InsufficientScopeException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>The scopes the endpoint needs, as the API's challenge names them.</summary>
    public string? RequiredScope { get; init; }
}
