using ResourceApi.Conformance.Checks;
using ResourceApi.Conformance.Issuer;

namespace ResourceApi.Conformance.Tests.Infrastructure;

/// <summary>One run of every check against the stock JwtBearer quickstart.</summary>
public sealed class KitAgainstStock : IAsyncLifetime
{
    private KitIssuer? _issuer;
    private StockQuickstart? _stock;

    internal ConformanceReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _issuer = await KitIssuer.StartAsync(0);
        _stock = await StockQuickstart.StartAsync(_issuer.BaseUrl, KitRuns.Audience);
        Report = await ConformanceRunner.RunAsync(KitRuns.Options(_stock.BaseUrl), _issuer);
    }

    public async Task DisposeAsync()
    {
        if (_stock is not null)
        {
            await _stock.DisposeAsync();
        }
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}
