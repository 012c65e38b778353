using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;

namespace ResourceApi.Messages;

/// <summary>
/// Pages of <c>GET /api/messages</c> kept in ASP.NET Core's output cache and dropped on every write: a page is
/// read from the database once per write (or per <c>Messages:ListCache:Duration</c>) instead of once per request.
/// The store is this process's memory, or Redis when <c>ConnectionStrings:Redis</c> is set (see
/// <c>AddSharedCache</c>), so a write through one replica drops the page for every replica.
/// </summary>
public static class MessageListCache
{
    public const string DurationKey = "Messages:ListCache:Duration";

    /// <summary>How long a page may be served without a write: the bound on staleness when a write is not seen (below).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    /// <summary>The in-memory store's bound; a page of 100 messages of 500 characters is about 60 KB.</summary>
    public const long SizeLimitBytes = 16 * 1024 * 1024;

    internal const string Tag = "messages";
    internal const string PolicyName = "MessageList";
    internal static readonly string[] VaryByQuery = ["page", "pageSize"];

    /// <summary>
    /// Registers the output cache and the list's policy. <c>Messages:ListCache:Duration</c> (a time span, default
    /// 5 seconds, at most an hour) bounds how long a page lives; <c>00:00:00</c> turns the cache off. A value that
    /// does not parse stops the app at start, naming the key.
    /// </summary>
    public static IServiceCollection AddMessageListCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var duration = ReadDuration(configuration);
        services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            options.MaximumBodySize = 1024 * 1024;
        });
        // Keyed by the database too: replicas of another deployment (or a test) on the same Redis have other pages.
        services.AddOptions<OutputCacheOptions>().Configure<DatabaseInfo>((options, database) =>
            options.AddPolicy(PolicyName, duration > TimeSpan.Zero ? new MessageListCachePolicy(duration, KeyPrefix(database)) : NoCache.Instance));
        return services;
    }

    /// <summary>
    /// Drops every cached page. Called after a write has been committed, and not with the request's token: a client
    /// that goes away after its write must not leave the old page cached.
    /// </summary>
    internal static Task InvalidateAsync(IOutputCacheStore store) => store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();

    // A hash: a short key, and no host or file name in Redis.
    private static string KeyPrefix(DatabaseInfo database) =>
        "messages-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database.Identity)))[..16];

    private static TimeSpan ReadDuration(IConfiguration configuration)
    {
        var value = configuration[DurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultDuration;
        }
        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) || duration < TimeSpan.Zero || duration > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"{DurationKey} is '{value}'. Set it to a time span from 00:00:00 (no cache) to 01:00:00, such as 00:00:05.");
        }
        return duration;
    }

    private sealed class NoCache : IOutputCachePolicy
    {
        public static readonly NoCache Instance = new();

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
