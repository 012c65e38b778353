using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceApi.LoadBenchmark;
using ResourceApi.Testing;

// tests/ResourceApi.LoadBenchmark/run.sh [--quick] [options]: see BenchmarkOptions.Usage.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

var root = RepositoryRoot();
var options = BenchmarkOptions.Parse(args, root);
if (!File.Exists(options.ApiDll))
{
    Console.Error.WriteLine($"No API build at {options.ApiDll}: run tests/ResourceApi.LoadBenchmark/run.sh, which builds Release first.");
    return 2;
}
if (!OnPath("wrk") || ((options.ServerCpu ?? options.LoadCpu) is not null && !OnPath("taskset")))
{
    Console.Error.WriteLine("wrk (and taskset, to pin cores) must be installed: apt-get install -y wrk util-linux. run.sh does it.");
    return 2;
}

Directory.CreateDirectory(options.OutputFolder);
var work = Directory.CreateTempSubdirectory("resourceapi-load-work-").FullName;
var scriptFolder = AppContext.BaseDirectory;
try
{
    var tokens = await BenchmarkTokens.StartIssuerAsync();
    await using var issuer = tokens.Issuer;
    Console.WriteLine($"Issuer on {issuer.BaseUrl}; minting tokens ({options.FreshTokens} for the fresh-token case)...");
    var rs256 = tokens.Rs256();
    var es256 = tokens.Es256();
    var dpopKey = DpopProof.CreateEc();
    var dpopBound = tokens.BoundEs256(dpopKey);
    var dpopRsaKey = DpopProof.CreateRsa("PS256");
    var dpopRsaBound = tokens.BoundEs256(dpopRsaKey);
    // Requests a second the DPoP case may reach: a first guess above what one core verifies, then the fastest run seen.
    double dpopRate = 8_000;
    var tokenFile = Path.Combine(work, "fresh-tokens.txt");
    await File.WriteAllLinesAsync(tokenFile, tokens.ManyRs256(options.FreshTokens));

    List<LoadCase> cases =
    [
        new(LoadCase.Anonymous, "GET /health, anonymous", "/health", 200),
        new("me-rs256", "GET /api/me, one RS256 token", "/api/me", 200) { Token = rs256 },
        new("me-es256", "GET /api/me, one ES256 token", "/api/me", 200) { Token = es256 },
        new("messages-rs256", "GET /api/messages (20 of 25), one RS256 token", "/api/messages", 200) { Token = rs256 },
        new("messages-es256", "GET /api/messages (20 of 25), one ES256 token", "/api/messages", 200) { Token = es256 },
        new("messages-writes", "GET /api/messages, one RS256 token, with a POST of a message every 100th request", "/api/messages", 200) { Token = rs256, WriteEvery = 100 },
        new("dpop-es256", "GET /api/me, one DPoP-bound ES256 token, a fresh ES256 proof per request", "/api/me", 200) { Token = dpopBound, DpopKey = dpopKey },
        new("dpop-ps256", "GET /api/me, the same ES256 token bound to an RSA key, a fresh PS256 proof per request", "/api/me", 200) { Token = dpopRsaBound, DpopKey = dpopRsaKey },
        new("fresh-rs256", $"GET /api/me, a different RS256 token per request ({options.FreshTokens} rotated)", "/api/me", 200) { TokenFile = tokenFile },
        new("invalid-signature", "GET /api/me, RS256 token with a bad signature (401)", "/api/me", 401) { Token = tokens.InvalidSignature() },
    ];
    if (options.Cases is { } only)
    {
        var unknown = only.Except(cases.Select(c => c.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown case(s): {string.Join(", ", unknown)}. Cases: {string.Join(", ", cases.Select(c => c.Name))}.");
            return 2;
        }
        cases = [.. cases.Where(c => c.Name == LoadCase.Anonymous || only.Contains(c.Name))];
    }

    var runs = new List<CacheRun>();
    foreach (var (databaseName, cacheEnabled) in options.Databases.SelectMany(d => options.CacheSettings.Select(c => (d, c))))
    {
        // A new database per run, seeded by the run: SQLite in a file, PostgreSQL in a throwaway cluster on loopback.
        await using var postgres = databaseName == BenchmarkOptions.PostgreSql ? await PostgresServer.StartAsync() : null;
        var connectionString = postgres is null
            ? $"Data Source={Path.Combine(work, $"messages-{(cacheEnabled ? "on" : "off")}.db")}"
            : postgres.ConnectionString(await postgres.CreateDatabaseAsync());
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Authentication__Schemes__Bearer__Authority"] = issuer.BaseUrl,
            ["Authentication__Schemes__Bearer__ValidAudiences__0"] = LoopbackIssuer.Audience,
            ["Authentication__Schemes__Bearer__TokenCache__Enabled"] = cacheEnabled ? "true" : "false",
            ["Database__Provider"] = databaseName == BenchmarkOptions.PostgreSql ? "PostgreSQL" : "Sqlite",
            ["ConnectionStrings__Messages"] = connectionString,
            // Every DPoP proof is remembered for 5 minutes: room for the whole run's proofs (the default, 100,000, is 333 a second).
            ["Authentication__DpopReplayCache__MaxEntries"] = "10000000",
            // Per-request logging off, as in production; warnings (e.g. each refused token) stay on.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__ResourceApi"] = "Warning",
        };
        foreach (var (key, value) in options.ApiSettings)
        {
            settings[key] = value;
        }

        var label = $"{databaseName}, cache {(cacheEnabled ? "on" : "off")}";
        Console.WriteLine($"[{label}] starting the API (core {Describe(options.ServerCpu)}), wrk on core {Describe(options.LoadCpu)}...");
        await using var api = await ApiProcess.StartAsync(options.ApiDll, settings, options.ServerCpu, Path.Combine(options.OutputFolder, $"api-{databaseName.ToLowerInvariant()}-{(cacheEnabled ? "cache-on" : "cache-off")}.log"));
        await SeedAsync(api.BaseUrl, rs256);
        await CheckAsync(api.BaseUrl, cases);

        foreach (var loadCase in cases)
        {
            await RunAsync(api, loadCase, options.Warmup);
        }

        var measurements = new List<Measurement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var loadCase in cases)
            {
                var before = issuer.JwksRequests;
                var result = await RunAsync(api, loadCase, options.Duration);
                measurements.Add(new Measurement(loadCase.Name, round, result, issuer.JwksRequests - before));
                Console.WriteLine($"[{label}] round {round} {loadCase.Name,-18} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Microseconds / 1000.0:F2} ms  p99 {result.P99Microseconds / 1000.0:F2} ms");
            }
        }
        runs.Add(new CacheRun(databaseName, cacheEnabled, measurements, api.PeakRssKiB, api.RssKiB, issuer.JwksRequests));
    }

    var report = new Report(options, cases, runs, Commit(root));
    var markdown = Path.Combine(options.OutputFolder, "results.md");
    var chart = Path.Combine(options.OutputFolder, "load-benchmark.png");
    await File.WriteAllTextAsync(markdown, report.Markdown(Path.GetFileName(chart)));
    report.SaveChart(chart);
    Console.WriteLine();
    Console.WriteLine(await File.ReadAllTextAsync(markdown));
    Console.WriteLine($"Wrote {markdown} and {chart}.");
    return report.Problems.Count == 0 ? 0 : 1;

    async Task<WrkResult> RunAsync(ApiProcess api, LoadCase loadCase, int seconds)
    {
        var url = api.BaseUrl + loadCase.Path;
        if (loadCase.DpopKey is { } key)
        {
            // Proofs are made for this URL just before the run (each is good for 5 minutes and accepted once):
            // 1.5 times what the fastest earlier run of this case would use, so none is sent twice.
            var count = (int)Math.Ceiling(dpopRate * 1.5 * seconds) + 1_000;
            var proofs = new string[count];
            Parallel.For(0, count, i => proofs[i] = key.For("GET", url, loadCase.Token).Build());
            var proofFile = Path.Combine(work, "dpop-proofs.txt");
            await File.WriteAllLinesAsync(proofFile, proofs);
            var measured = await Wrk.RunAsync(options, seconds, url, Path.Combine(scriptFolder, "dpop.lua"), [], [loadCase.Token!, proofFile]);
            dpopRate = Math.Max(dpopRate, measured.RequestsPerSecond);
            return measured;
        }
        if (loadCase.WriteEvery > 0)
        {
            return await Wrk.RunAsync(options, seconds, url, Path.Combine(scriptFolder, "mixed.lua"), [],
                [loadCase.Token!, loadCase.WriteEvery.ToString(CultureInfo.InvariantCulture)]);
        }
        var result = loadCase.TokenFile is { } file
            ? await Wrk.RunAsync(options, seconds, url, Path.Combine(scriptFolder, "rotate.lua"), [], [file])
            : await Wrk.RunAsync(options, seconds, url, Path.Combine(scriptFolder, "bench.lua"),
                loadCase.Token is { } token ? [$"Authorization: Bearer {token}"] : [], []);
        return result;
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// 25 messages, so GET /api/messages answers a full default page of 20.
static async Task SeedAsync(string baseUrl, string token)
{
    using var http = Client(baseUrl, token);
    var page = await http.GetFromJsonAsync<JsonElement>("/api/messages");
    for (var i = page.GetProperty("totalCount").GetInt32(); i < 25; i++)
    {
        using var created = await http.PostAsJsonAsync("/api/messages", new { text = $"Load benchmark message {i + 1}: a sentence of ordinary length." });
        created.EnsureSuccessStatusCode();
    }
}

// Each case once before measuring: a benchmark of the wrong status would measure nothing useful.
static async Task CheckAsync(string baseUrl, IEnumerable<LoadCase> cases)
{
    foreach (var loadCase in cases)
    {
        var token = loadCase.Token ?? (loadCase.TokenFile is { } file ? File.ReadLines(file).First() : null);
        using var http = Client(baseUrl, loadCase.DpopKey is null ? token : null);
        using var request = new HttpRequestMessage(HttpMethod.Get, loadCase.Path);
        if (loadCase.DpopKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
            request.Headers.Add("DPoP", key.For("GET", baseUrl + loadCase.Path, token).Build());
        }
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode != loadCase.ExpectedStatus)
        {
            throw new InvalidOperationException($"{loadCase.Name}: GET {loadCase.Path} answered {(int)response.StatusCode}, expected {loadCase.ExpectedStatus}: {await response.Content.ReadAsStringAsync()}");
        }
        if (loadCase.Path == "/api/messages" && response.StatusCode == HttpStatusCode.OK
            && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength() != 20)
        {
            throw new InvalidOperationException($"{loadCase.Name}: GET /api/messages did not answer a full page of 20.");
        }
    }
}

static HttpClient Client(string baseUrl, string? token)
{
    var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    if (token is not null)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
    return http;
}

static string Describe(int? cpu) => cpu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any";

static bool OnPath(string tool) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, tool)));

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "ResourceApi.sln")))
        {
            return folder.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}

static string? Commit(string root)
{
    try
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true });
        var commit = git?.StandardOutput.ReadToEnd().Trim();
        git?.WaitForExit();
        return git?.ExitCode == 0 ? commit : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}
