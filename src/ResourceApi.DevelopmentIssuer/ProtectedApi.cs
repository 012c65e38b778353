namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// The API the development issuer issues tokens for. The first audience is the default one, sent
/// when a token request names none (Auth0's "Default Audience").
/// </summary>
public sealed record ProtectedApi(IReadOnlyList<string> Audiences, IReadOnlyCollection<string> Scopes)
{
    public string? DefaultAudience => Audiences.Count > 0 ? Audiences[0] : null;
}
