using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace ResourceApi.Development;

/// <summary>
/// While the development issuer runs, the API answers only requests addressed to a loopback name. Listening
/// on 127.0.0.1 is not enough: a web page can rebind its own DNS name to 127.0.0.1, and the browser then
/// lets its script read this machine's answers, tokens included, as same-origin. Its requests carry that
/// name in <c>Host</c>, so the framework's host filtering refuses them with 400. <c>AllowedHosts</c> <c>*</c>
/// (the default) becomes these names; a list that names anything else stops the app at start
/// (<see cref="LoopbackOnlyIssuerGuard"/>).
/// </summary>
internal sealed class LoopbackHostNames : IPostConfigureOptions<HostFilteringOptions>
{
    public const string SettingKey = "AllowedHosts";

    /// <summary>How a caller on this machine names it: IPv6 in brackets, as in a <c>Host</c> header.</summary>
    public static IReadOnlyList<string> Names { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public static bool IsLoopbackName(string host) => Names.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured entries that name another host; <c>*</c> is not one, it is replaced.</summary>
    public static IReadOnlyList<string> Others(IEnumerable<string> allowedHosts) =>
        [.. allowedHosts.Where(h => h != "*" && !IsLoopbackName(h))];

    // A post-configure step: the framework fills AllowedHosts from configuration in its own, earlier one.
    public void PostConfigure(string? name, HostFilteringOptions options)
    {
        var configured = options.AllowedHosts.Where(h => h != "*").ToList();
        options.AllowedHosts = configured.Count == 0 ? [.. Names] : configured;
    }
}
