using ResourceApi.Conformance.Cli;

namespace ResourceApi.Conformance;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            return await ConformanceCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 1;
        }
    }
}
