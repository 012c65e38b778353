using System.Globalization;
using System.Text;
using ScottPlot;

namespace ResourceApi.LoadBenchmark;

/// <summary>The run's figures as a Markdown table per cache setting and a bar chart of req/s.</summary>
internal sealed class Report
{
    private readonly BenchmarkOptions _options;
    private readonly IReadOnlyList<LoadCase> _cases;
    private readonly IReadOnlyList<CacheRun> _runs;
    private readonly string? _commit;

    public Report(BenchmarkOptions options, IReadOnlyList<LoadCase> cases, IReadOnlyList<CacheRun> runs, string? commit)
    {
        (_options, _cases, _runs, _commit) = (options, cases, runs, commit);
        Problems = [.. FindProblems()];
    }

    /// <summary>Unexpected statuses or socket errors: the figures of those cases do not mean what they say.</summary>
    public IReadOnlyList<string> Problems { get; }

    public string Markdown(string chartFileName)
    {
        var md = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine("# Load benchmark results").AppendLine();
        md.AppendLine(invariant, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(_commit is null ? "" : $" at commit `{_commit}`")} on {Machine()}.");
        md.AppendLine(invariant, $"wrk: {_options.Threads} thread(s), {_options.Connections} connections, {_options.Duration} s per case × {_options.Rounds} round(s) (cases alternating), {_options.Warmup} s warm-up per case;")
          .AppendLine(invariant, $"API pinned to core {Core(_options.ServerCpu)}, wrk to core {Core(_options.LoadCpu)}. Release build, Production, per-request logging off, 25 messages in {string.Join(" / ", _runs.Select(r => r.Database).Distinct())} (a new database per run).")
          .AppendLine("req/s and latencies are the median over the rounds; JWKS fetches are the issuer's count during the measured rounds.");

        foreach (var run in _runs)
        {
            md.AppendLine().AppendLine(invariant, $"## {Label(run)}").AppendLine();
            md.AppendLine(invariant, $"Peak RSS (VmHWM) {run.PeakRssKiB / 1024.0:F0} MiB, RSS at the end {run.FinalRssKiB / 1024.0:F0} MiB; JWKS fetches since start {run.JwksFetchesTotal}.").AppendLine();
            md.AppendLine("| Case | req/s | × anonymous | p50 (ms) | p99 (ms) | JWKS fetches |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            var anonymous = RequestsPerSecond(run, LoadCase.Anonymous);
            foreach (var loadCase in _cases)
            {
                var rps = RequestsPerSecond(run, loadCase.Name);
                md.AppendLine(invariant, $"| {loadCase.Name}: {loadCase.Description} | {rps:F0} | {rps / anonymous:F2} | {Median(run, loadCase.Name, r => r.P50Microseconds) / 1000:F2} | {Median(run, loadCase.Name, r => r.P99Microseconds) / 1000:F2} | {run.Measurements.Where(m => m.Case == loadCase.Name).Sum(m => m.JwksFetches)} |");
            }
        }

        var fresh = _cases.FirstOrDefault(c => c.TokenFile is not null);
        if (fresh is not null)
        {
            var sent = _runs.SelectMany(r => r.Measurements).Where(m => m.Case == fresh.Name).Select(m => m.Result.Requests).DefaultIfEmpty(0).Max();
            md.AppendLine().AppendLine(invariant, $"{fresh.Name}: each of the {_options.FreshTokens} tokens was sent about {sent / (double)_options.FreshTokens:F1} time(s) per round; a cache that holds them all turns the repeats into hits.");
        }
        if (Problems.Count > 0)
        {
            md.AppendLine().AppendLine("**Problems (these figures do not measure what the case says):**").AppendLine();
            foreach (var problem in Problems)
            {
                md.AppendLine(invariant, $"- {problem}");
            }
        }
        md.AppendLine().AppendLine(invariant, $"![requests per second per case]({chartFileName})");
        return md.ToString();
    }

    public void SaveChart(string path)
    {
        var plot = new Plot();
        var colors = new[] { Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Purple };
        var bars = new List<Bar>();
        var groupWidth = _runs.Count + 1;
        for (var r = 0; r < _runs.Count; r++)
        {
            for (var c = 0; c < _cases.Count; c++)
            {
                var rps = RequestsPerSecond(_runs[r], _cases[c].Name);
                bars.Add(new Bar
                {
                    Position = c * groupWidth + r,
                    Value = rps,
                    FillColor = colors[r % colors.Length],
                    Label = rps.ToString("F0", CultureInfo.InvariantCulture),
                });
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(_runs[r]), FillColor = colors[r % colors.Length] });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;

        var ticks = _cases.Select((c, i) => new Tick(i * groupWidth + (_runs.Count - 1) / 2.0, c.Name)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.YLabel("requests per second");
        plot.Title($"ResourceApi load benchmark: wrk {_options.Threads}t/{_options.Connections}c, API on one core");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1100, 520);
    }

    private IEnumerable<string> FindProblems()
    {
        foreach (var run in _runs)
        {
            foreach (var m in run.Measurements)
            {
                var expected = _cases.Single(c => c.Name == m.Case).ExpectedStatus;
                var wrongStatus = expected < 400 ? m.Result.StatusErrors : m.Result.Requests - m.Result.StatusErrors;
                if (wrongStatus > 0)
                {
                    yield return $"{Label(run)}, {m.Case}, round {m.Round}: {wrongStatus} of {m.Result.Requests} answers were not {expected}.";
                }
                if (m.Result.SocketErrors > 0)
                {
                    yield return $"{Label(run)}, {m.Case}, round {m.Round}: {m.Result.SocketErrors} socket errors or timeouts.";
                }
            }
        }
    }

    private static double RequestsPerSecond(CacheRun run, string name) => Median(run, name, r => r.RequestsPerSecond);

    private static double Median(CacheRun run, string name, Func<WrkResult, double> value)
    {
        var values = run.Measurements.Where(m => m.Case == name).Select(m => value(m.Result)).Order().ToArray();
        return values.Length == 0 ? double.NaN
            : values.Length % 2 == 1 ? values[values.Length / 2]
            : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    private static string Core(int? cpu) => cpu?.ToString(CultureInfo.InvariantCulture) ?? "none (not pinned)";

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} core(s){(model is null ? "" : $" ({model})")}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
    }

    private static string Label(CacheRun run) => $"{run.Database}, validated-token cache {(run.CacheEnabled ? "on" : "off")}";
}
