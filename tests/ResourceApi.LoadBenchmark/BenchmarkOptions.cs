using System.Globalization;

namespace ResourceApi.LoadBenchmark;

/// <summary>Command-line settings; every one has a default, so the plain command measures everything.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        Load benchmark: builds nothing (run.sh builds Release first); starts a loopback issuer and the API, measures with wrk.

          --duration S         seconds per case and round (default 5)
          --rounds N           measured rounds, cases alternating within a round (default 5)
          --warmup S           seconds of warm-up per case before the first round (default 10: the JIT is still tiering up for several seconds)
          --connections N      wrk connections (default 32)
          --threads N          wrk threads (default 1)
          --fresh-tokens N     distinct tokens the fresh-token case rotates through (default 20000)
          --cache on|off|both  runs with the validated-token cache on, off, or both (default both)
          --database sqlite|postgresql|both
                               the message store (default sqlite); postgresql starts a throwaway cluster from Debian's
                               packages on a loopback port (apt-get install postgresql), both measures each in turn
          --cases a,b,...      only these cases (health is always measured: it is the ratio's base)
          --api PATH           the API's dll (default src/ResourceApi/bin/Release/net10.0/ResourceApi.dll)
          --out DIR            where results.md, load-benchmark.png and the logs go (default a new temp folder)
          --server-cpu N       core for the API (default 0 when there are 2+ cores; 'none' to not pin)
          --load-cpu N         core for wrk (default 1 when there are 2+ cores; 'none' to not pin)
          --api-setting K=V    an extra environment variable for the API (repeatable)
          --quick              1 round of 2 s, 1 s warm-up, 2000 fresh tokens: checks the tool end to end
        """;

    public int Duration { get; private set; } = 5;
    public int Rounds { get; private set; } = 5;
    public int Warmup { get; private set; } = 10;
    public int Connections { get; private set; } = 32;
    public int Threads { get; private set; } = 1;
    public int FreshTokens { get; private set; } = 20_000;
    public IReadOnlyList<bool> CacheSettings { get; private set; } = [true, false];
    public IReadOnlyList<string> Databases { get; private set; } = [Sqlite];
    public IReadOnlySet<string>? Cases { get; private set; }
    public string ApiDll { get; private set; } = "";
    public string OutputFolder { get; private set; } = "";
    public int? ServerCpu { get; private set; }
    public int? LoadCpu { get; private set; }
    public Dictionary<string, string> ApiSettings { get; } = [];
    public bool Quick { get; private set; }

    public const string Sqlite = "SQLite";
    public const string PostgreSql = "PostgreSQL";

    public static BenchmarkOptions Parse(string[] args, string repositoryRoot)
    {
        var cores = OnlineCores();
        var o = new BenchmarkOptions
        {
            ApiDll = Path.Combine(repositoryRoot, "src", "ResourceApi", "bin", "Release", "net10.0", "ResourceApi.dll"),
            OutputFolder = Path.Combine(Path.GetTempPath(), $"resourceapi-load-{DateTime.Now:yyyyMMdd-HHmmss}"),
            ServerCpu = cores >= 2 ? 0 : null,
            LoadCpu = cores >= 2 ? 1 : null,
        };
        if (args.Contains("--quick"))
        {
            // Defaults only: --quick --duration 3 still measures 3 s.
            (o.Quick, o.Duration, o.Rounds, o.Warmup, o.FreshTokens) = (true, 2, 1, 1, 2_000);
        }
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number.");
            int? NextCpu() => Next() is "none" ? null : int.Parse(args[i], CultureInfo.InvariantCulture);

            switch (args[i])
            {
                case "--duration": o.Duration = NextInt(); break;
                case "--rounds": o.Rounds = NextInt(); break;
                case "--warmup": o.Warmup = NextInt(); break;
                case "--connections": o.Connections = NextInt(); break;
                case "--threads": o.Threads = NextInt(); break;
                case "--fresh-tokens": o.FreshTokens = NextInt(); break;
                case "--cache":
                    o.CacheSettings = Next() switch
                    {
                        "on" => [true],
                        "off" => [false],
                        "both" => [true, false],
                        var other => throw new ArgumentException($"--cache takes on, off or both, not '{other}'."),
                    };
                    break;
                case "--database":
                    o.Databases = Next() switch
                    {
                        "sqlite" => [Sqlite],
                        "postgresql" => [PostgreSql],
                        "both" => [Sqlite, PostgreSql],
                        var other => throw new ArgumentException($"--database takes sqlite, postgresql or both, not '{other}'."),
                    };
                    break;
                case "--cases": o.Cases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                case "--api": o.ApiDll = Path.GetFullPath(Next()); break;
                case "--out": o.OutputFolder = Path.GetFullPath(Next()); break;
                case "--server-cpu": o.ServerCpu = NextCpu(); break;
                case "--load-cpu": o.LoadCpu = NextCpu(); break;
                case "--api-setting":
                    var pair = Next().Split('=', 2);
                    o.ApiSettings[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException("--api-setting takes KEY=VALUE.");
                    break;
                case "--quick": break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        return o;
    }

    /// <summary>Cores the machine has, not the ones this process may use (run.sh may pin it).</summary>
    private static int OnlineCores()
    {
        try
        {
            // "0-1" or "0,2-3"
            return File.ReadAllText("/sys/devices/system/cpu/online").Trim().Split(',')
                .Sum(range => range.Split('-') is [var a, var b] ? int.Parse(b, CultureInfo.InvariantCulture) - int.Parse(a, CultureInfo.InvariantCulture) + 1 : 1);
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
    }
}
