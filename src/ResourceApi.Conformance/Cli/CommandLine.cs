using System.Globalization;
using ResourceApi.Conformance.Checks;

namespace ResourceApi.Conformance.Cli;

/// <summary>The command line, parsed by hand: a handful of <c>--name value</c> options and three switches.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: resource-server-check --api URL [options]

          --api URL             The API under test (required), e.g. http://127.0.0.1:5080
          --path PATH           A protected route to GET (default /)
          --scope SCOPE         The scope that route needs
          --audience AUD        The audience (identifier) the API accepts (default https://api.example.test)
          --issuer-port PORT    The kit's issuer's loopback port (default 9700; 0: any free port)
          --write-path PATH     A second route needing --write-scope, for a 403 check
          --write-method VERB   Its method (default POST; a JSON body {} is sent)
          --write-scope SCOPE   The scope --write-path needs
          --report FILE         Write the report as Markdown
          --json FILE           Write the report as JSON
          --long                Also check that a withdrawn key is refused within --long-minutes
          --long-minutes N      That bound (default 10)
          --dpop                Report on DPoP (RFC 9449) even when the API does not advertise it
          --only ID,ID          Run only these checks (ids as the table prints them)
          --wait SECONDS        How long to wait for the API to answer and accept a token (default 120)

        Exit code: 0 when every MUST check passes, 1 when one fails or the API never answers, 2 for a usage error.
        """;

    /// <returns>The options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static ConformanceOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        string[] valued = ["--api", "--path", "--scope", "--audience", "--issuer-port", "--write-path", "--write-method", "--write-scope",
            "--report", "--json", "--long-minutes", "--wait", "--only"];
        string[] flags = ["--long", "--dpop", "--help"];
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var inline = name.IndexOf('=', StringComparison.Ordinal);
            string? value = null;
            if (inline > 0)
            {
                value = name[(inline + 1)..];
                name = name[..inline];
            }
            if (flags.Contains(name) && value is null)
            {
                switches.Add(name);
            }
            else if (valued.Contains(name))
            {
                value ??= i + 1 < args.Count ? args[++i] : null;
                if (value is null)
                {
                    error = $"{name} needs a value.";
                    return null;
                }
                values[name] = value;
            }
            else
            {
                error = $"Unknown option {args[i]}.";
                return null;
            }
        }

        if (switches.Contains("--help"))
        {
            error = null;
            return null;
        }
        if (!values.TryGetValue("--api", out var api) || !Uri.TryCreate(api, UriKind.Absolute, out var apiUri) || apiUri.Scheme is not ("http" or "https"))
        {
            error = "--api must be the API's http(s) URL, e.g. --api http://127.0.0.1:5080";
            return null;
        }
        if (!Integer(values, "--issuer-port", 9700, 0, 65535, out var port, out error)
            || !Integer(values, "--long-minutes", 10, 1, 24 * 60, out var longMinutes, out error)
            || !Integer(values, "--wait", 120, 1, 3600, out var wait, out error))
        {
            return null;
        }
        if (values.ContainsKey("--write-path") != values.ContainsKey("--write-scope"))
        {
            error = "--write-path and --write-scope go together.";
            return null;
        }
        var only = values.GetValueOrDefault("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (only.FirstOrDefault(id => !CheckCatalog.All.Any(c => c.Id == id)) is { } unknown)
        {
            error = $"--only names no check \"{unknown}\".";
            return null;
        }
        error = null;
        return new ConformanceOptions
        {
            Api = apiUri,
            Path = Route(values.GetValueOrDefault("--path", "/")),
            Scope = values.GetValueOrDefault("--scope"),
            Audience = values.GetValueOrDefault("--audience", "https://api.example.test"),
            IssuerPort = port,
            WritePath = values.TryGetValue("--write-path", out var writePath) ? Route(writePath) : null,
            WriteMethod = values.GetValueOrDefault("--write-method", "POST").ToUpperInvariant(),
            WriteScope = values.GetValueOrDefault("--write-scope"),
            ReportPath = values.GetValueOrDefault("--report"),
            JsonPath = values.GetValueOrDefault("--json"),
            Long = switches.Contains("--long"),
            WithdrawalBound = TimeSpan.FromMinutes(longMinutes),
            Dpop = switches.Contains("--dpop"),
            WaitForApi = TimeSpan.FromSeconds(wait),
            Only = only,
        };
    }

    private static string Route(string path) => path.StartsWith('/') ? path : "/" + path;

    private static bool Integer(Dictionary<string, string> values, string name, int fallback, int min, int max, out int value, out string? error)
    {
        error = null;
        if (!values.TryGetValue(name, out var text))
        {
            value = fallback;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }
        error = $"{name} must be a whole number from {min} to {max}.";
        return false;
    }
}
