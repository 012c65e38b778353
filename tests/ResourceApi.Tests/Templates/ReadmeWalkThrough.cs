using System.Text.RegularExpressions;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.Templates;

/// <summary>
/// The top README's five-minute walk-through, read from the README itself: each ```bash block after an
/// <c>&lt;!-- walk-through --&gt;</c> comment, in order; the one marked <c>walk-through: server</c> is the API
/// that the others talk to.
/// </summary>
internal sealed partial record ReadmeWalkThrough(string Server, IReadOnlyList<string> Steps)
{
    /// <summary>The port the README names; a test swaps in a free one, so a server left running cannot answer instead.</summary>
    public const string ReadmePort = "5080";

    public static ReadmeWalkThrough Read(string readmePath)
    {
        string? server = null;
        var steps = new List<string>();
        foreach (Match block in MarkedBlock().Matches(File.ReadAllText(readmePath)))
        {
            var commands = block.Groups["commands"].Value.Trim();
            if (block.Groups["server"].Success)
            {
                server = commands;
            }
            else
            {
                steps.Add(commands);
            }
        }
        return new ReadmeWalkThrough(server ?? throw new InvalidOperationException("The README marks no walk-through server block."), steps);
    }

    public ReadmeWalkThrough OnPort(int port) => new(Swap(Server, port), [.. Steps.Select(s => Swap(s, port))]);

    private static string Swap(string commands, int port) =>
        commands.Replace(":" + ReadmePort, FormattableString.Invariant($":{port}"), StringComparison.Ordinal);

    [GeneratedRegex(@"<!-- walk-through(?<server>: server)? -->\s*```bash\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
