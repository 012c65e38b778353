namespace ResourceApi.Tests.Presets;

/// <summary>
/// One real form of an IdP's client-credentials access token: the IdP and the way its API is configured
/// (<see cref="IdpShape.Settings"/>), and how a token for given permissions looks. <see cref="Needs"/> is what
/// the form cannot work without beyond authority, audience and preset (a multi-tenant app's allowed tenants).
/// </summary>
public sealed record TokenShape(string Name, IdpShape Idp, Func<IReadOnlyList<string>, string> AccessToken, IReadOnlyDictionary<string, string?>? Needs = null)
{
    public override string ToString() => Name;
}
