namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The API the development issuer issues tokens for. The first audience is the default one, sent
/// when a token request names none (Auth0's "Default Audience").
/// </summary>
public sealed class ProtectedApi
{
    private readonly Func<IReadOnlyList<string>> _audiences;
    private readonly Func<IReadOnlyCollection<string>> _scopes;

    public ProtectedApi(IReadOnlyList<string> audiences, IReadOnlyCollection<string> scopes)
        : this(() => audiences, () => scopes)
    {
    }

    /// <param name="audiences">
    /// The <c>aud</c> values the API accepts, asked each time: one of them, the API's resource
    /// identifier, can be the address the app listens on, known only once the server does.
    /// </param>
    /// <param name="scopes">
    /// Asked each time: an API declares its scopes on its endpoints, which are mapped after the issuer
    /// is registered and read only once they are.
    /// </param>
    public ProtectedApi(Func<IReadOnlyList<string>> audiences, Func<IReadOnlyCollection<string>> scopes)
    {
        _audiences = audiences;
        _scopes = scopes;
    }

    public IReadOnlyList<string> Audiences => _audiences();

    public IReadOnlyCollection<string> Scopes => _scopes();

    public string? DefaultAudience => Audiences.Count > 0 ? Audiences[0] : null;
}
