using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Tests.Infrastructure;

/// <summary>One run of every check against this repository's API in Production, shared by the tests that read it.</summary>
public sealed class KitAgainstThisApi : IAsyncLifetime
{
    private readonly string _folder = KitRuns.NewFolder();
    private KitIssuer? _issuer;
    private ApiHost? _api;

    internal ConformanceReport Report { get; private set; } = null!;

    /// <summary>The kit's issuer the API trusts, for a test that runs more checks against the same API.</summary>
    internal KitIssuer Issuer => _issuer!;

    internal string BaseUrl => _api!.BaseUrl;

    public async Task InitializeAsync()
    {
        _issuer = await KitIssuer.StartAsync(0);
        _api = KitRuns.ThisApi(_issuer, _folder);
        Report = await ConformanceRunner.RunAsync(KitRuns.Options(_api.BaseUrl), _issuer);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
        KitRuns.Delete(_folder);
    }
}
