using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ResourceApi.Tests.Messages;

/// <summary>
/// The app's own output-cache store (memory or Redis), with one door: <see cref="HoldNextStore"/> makes the next
/// page the middleware stores wait until <see cref="Release"/>. That is the race a deployment meets by chance (a
/// page read before a write, stored after it), made to happen every time.
/// </summary>
internal sealed class HeldOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private TaskCompletionSource? _reached;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource? _holding;

    public int Stored { get; private set; }

    /// <summary>Decorates the store <paramref name="services"/> registered; <paramref name="created"/> receives it when built.</summary>
    public static void Decorate(IServiceCollection services, Action<HeldOutputCacheStore> created)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
            ?? throw new InvalidOperationException("The app registered no IOutputCacheStore to hold.");
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(provider =>
        {
            var inner = registered.ImplementationInstance as IOutputCacheStore
                ?? (IOutputCacheStore?)registered.ImplementationFactory?.Invoke(provider)
                ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
            var held = new HeldOutputCacheStore(inner);
            created(held);
            return held;
        });
    }

    /// <summary>The next store waits; the task completes when a request has reached it (its query has run).</summary>
    public Task HoldNextStore()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _reached.Task;
    }

    public void Release() => (_holding ?? _gate)?.TrySetResult();

    /// <summary>
    /// The race, forced: <paramref name="reader"/> lists the messages and is held just before storing its page
    /// (its query has run and it has answered), <paramref name="write"/> runs meanwhile, then the store finishes.
    /// Returns the held read's response, whose page is from before the write.
    /// </summary>
    public async Task<HttpResponseMessage> ReadStoredAfterAsync(HttpClient reader, Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(write);
        var reached = HoldNextStore();
        var read = reader.GetAsync("/api/messages");
        await reached.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await write();
        }
        finally
        {
            Release();
        }
        return await read;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var gate = _gate;
        if (gate is not null)
        {
            (_holding, _gate) = (gate, null);
            _reached!.TrySetResult();
            await gate.Task;
        }
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        Stored++;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);
}
