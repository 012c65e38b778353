namespace ResourceApi.Tests.Infrastructure;

/// <summary>
/// The shared fixture's issuer: a <see cref="LoopbackIssuer"/> publishing one key of each kind the API
/// accepts (RS256, PS256, ES256), so tests can pick the key a token is signed with.
/// </summary>
public sealed class TestIssuer : LoopbackIssuer
{
    private TestIssuer(SigningKey rsa, SigningKey rsaPss, SigningKey ec)
        : base([rsa, rsaPss, ec])
    {
        Rsa = rsa;
        RsaPss = rsaPss;
        Ec = ec;
    }

    public SigningKey Rsa { get; }

    public SigningKey RsaPss { get; }

    public SigningKey Ec { get; }

    /// <summary>A well-formed key the issuer never publishes.</summary>
    public SigningKey Unpublished { get; } = SigningKey.CreateRsa("not-in-jwks");

    public static async Task<TestIssuer> StartAsync()
    {
        var issuer = new TestIssuer(SigningKey.CreateRsa("rsa-1"), SigningKey.CreateRsa("pss-1", "PS256"), SigningKey.CreateEc("ec-1"));
        await issuer.ListenAsync();
        return issuer;
    }

    /// <summary>Starts publishing a new key, as an issuer does when it rotates.</summary>
    public SigningKey RotateInNewKey() => Publish(SigningKey.CreateRsa($"rotated-{Guid.NewGuid():N}"));
}
