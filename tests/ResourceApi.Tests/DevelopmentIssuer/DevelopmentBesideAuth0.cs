using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.DevelopmentIssuer;

/// <summary>
/// The README's typical pairing: `dotnet run` with the built-in development issuer under <c>Bearer</c>
/// (its Authority left empty) and an Auth0 tenant beside it under <c>Authentication:Schemes:Auth0</c>,
/// configured as the Auth0 recipe says (the domain without its trailing slash, the API's identifier,
/// <c>Preset=Auth0</c>). The tenant is a <see cref="TestIssuer"/>; a second one is trusted by nobody.
/// </summary>
public sealed class DevelopmentBesideAuth0 : IAsyncDisposable
{
    public const string Scheme = "Auth0";

    private DevelopmentBesideAuth0(TestIssuer auth0, TestIssuer unknown, ApiHost host)
    {
        Auth0 = auth0;
        Unknown = unknown;
        Host = host;
    }

    public TestIssuer Auth0 { get; }

    /// <summary>An issuer no scheme names; it serves metadata and counts every request for it.</summary>
    public TestIssuer Unknown { get; }

    public ApiHost Host { get; }

    public static async Task<DevelopmentBesideAuth0> StartAsync(string dataFolder)
    {
        var auth0 = await TestIssuer.StartAsync();
        var unknown = await TestIssuer.StartAsync();
        var host = ApiHost.StartDevelopment(dataFolder, new Dictionary<string, string?>
        {
            [$"Authentication:Schemes:{Scheme}:Authority"] = auth0.BaseUrl,
            [$"Authentication:Schemes:{Scheme}:ValidAudiences:0"] = TestIssuer.Audience,
            [$"Authentication:Schemes:{Scheme}:Preset"] = "Auth0",
        });
        return new DevelopmentBesideAuth0(auth0, unknown, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Auth0.DisposeAsync();
        await Unknown.DisposeAsync();
    }
}
