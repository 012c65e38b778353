namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The API the development issuer issues tokens for. The first audience is the default one, sent
/// when a token request names none (Auth0's "Default Audience").
/// </summary>
public sealed class ProtectedApi
{
    private readonly Func<IReadOnlyCollection<string>> _scopes;

    public ProtectedApi(IReadOnlyList<string> audiences, IReadOnlyCollection<string> scopes)
        : this(audiences, () => scopes)
    {
    }

    /// <param name="audiences">The <c>aud</c> values the API accepts.</param>
    /// <param name="scopes">
    /// Asked each time: an API declares its scopes on its endpoints, which are mapped after the issuer
    /// is registered and read only once they are.
    /// </param>
    public ProtectedApi(IReadOnlyList<string> audiences, Func<IReadOnlyCollection<string>> scopes)
    {
        Audiences = audiences;
        _scopes = scopes;
    }

    public IReadOnlyList<string> Audiences { get; }

    public IReadOnlyCollection<string> Scopes => _scopes();

    public string? DefaultAudience => Audiences.Count > 0 ? Audiences[0] : null;
}
