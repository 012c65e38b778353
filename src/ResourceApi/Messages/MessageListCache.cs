using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResourceApi.Messages;

/// <summary>
/// Pages of <c>GET /api/messages</c> kept in ASP.NET Core's output cache under the current
/// <see cref="IMessageListGeneration"/>, which every write moves on: a page is read from the database once per
/// write (or per <c>Messages:ListCache:Duration</c>) instead of once per request. The pages stay in this
/// process's memory; the number is in Redis when <c>ConnectionStrings:Redis</c> is set (see
/// <c>AddSharedCache</c>), so a write through one replica is in the next page every replica serves. Why the
/// pages are not in Redis too: a page fetched from Redis on every request is one more round trip for no gain, and
/// each replica running the query once per write is cheap (see the load benchmark's README).
/// </summary>
public static class MessageListCache
{
    public const string DurationKey = "Messages:ListCache:Duration";

    /// <summary>How long a page may be served without a write: the bound on staleness when a write is not seen (below).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    /// <summary>The in-memory store's bound; a page of 100 messages of 500 characters is about 60 KB.</summary>
    public const long SizeLimitBytes = 16 * 1024 * 1024;

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
        // In memory unless AddSharedCache put the number on Redis (either may be registered first).
        services.TryAddSingleton<IMessageListGeneration, MemoryMessageListGeneration>();
        services.AddOptions<OutputCacheOptions>().Configure<IMessageListGeneration, ILoggerFactory>((options, generation, logs) =>
            options.AddPolicy(PolicyName, duration > TimeSpan.Zero
                ? new MessageListCachePolicy(duration, generation, logs.CreateLogger<MessageListCachePolicy>())
                : NoCache.Instance));
        return services;
    }

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
