using System.Diagnostics;

namespace ResourceApi.Testing;

/// <summary>Waits for an outcome by asking again, never by sleeping a fixed time: true as soon as it holds, false after <c>within</c>.</summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan within, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }
            if (clock.Elapsed > within)
            {
                return false;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
