namespace ResourceApi.Client.Commands;

/// <summary>
/// <c>send "text"</c>, <c>list</c>, <c>whoami</c> or <c>run</c>, then settings as
/// <c>--Section:Key=value</c>. The command and its text are taken off first, so a message that looks
/// like a setting stays a message.
/// </summary>
internal sealed record CommandLine(string Name, string? Text, string[] SettingArgs)
{
    public const string Usage = """
        Usage: ResourceApi.Client <command> [--Section:Key=value ...]
          send "text"   post a message
          list          list the newest messages
          whoami        what the API sees of this client (its token's client id, scopes, expiry)
          run           call the API every Worker:Interval until Ctrl+C (Worker:Action send or list)
        Settings: ResourceApiClient:Authority, :ApiBaseUrl, :ClientId, :ClientSecret, :ClientAuthentication, :Dpop:Enabled, ... (see appsettings.json)
        """;

    public static CommandLine? Parse(string[] args) => args switch
    {
        ["send", var text, .. var rest] when !text.StartsWith("--", StringComparison.Ordinal) => new("send", text, rest),
        [var name and ("list" or "whoami" or "run"), .. var rest] => new(name, null, rest),
        _ => null,
    };
}
