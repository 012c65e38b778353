namespace ResourceApi.Client.Commands;

/// <summary>The <c>Worker</c> section: what <c>run</c> does on each tick, and how often.</summary>
public sealed class WorkerSettings
{
    public const string SectionName = "Worker";

    /// <summary><c>send</c> (post a message) or <c>list</c> (read the first page).</summary>
    public string Action { get; set; } = "send";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
