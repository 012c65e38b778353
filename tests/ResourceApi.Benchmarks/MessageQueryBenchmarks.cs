using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResourceApi.Messages;

namespace ResourceApi.Benchmarks;

/// <summary>
/// What GET /api/messages and GET /api/messages/{id} cost behind authentication: a request scope, the
/// DbContext, the endpoint's queries against a real SQLite file, and the JSON body, with the services
/// registered exactly as Program.cs registers them. HTTP and token validation are not included.
/// </summary>
[MemoryDiagnoser]
public class MessageQueryBenchmarks
{
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private WebApplication _app = null!;
    private JsonSerializerOptions _json = null!;
    private string _folder = "";
    private Guid _id;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("resourceapi-bench-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = _folder });
        builder.Configuration["ConnectionStrings:Messages"] = "Data Source=messages.db";
        builder.Services.AddResourceDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddMessageJson();
        _app = builder.Build();
        await _app.MigrateResourceDatabaseAsync();
        _json = _app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 50; i++)
        {
            var message = new Message { Id = Guid.CreateVersion7(), Text = $"benchmark message {i}", CreatedBy = "bench", CreatedAt = start.AddSeconds(i) };
            db.Messages.Add(message);
            _id = message.Id;
        }
        await db.SaveChangesAsync();

        if ((await ListPage()) < 1000 || (await GetById()) < 100)
        {
            throw new InvalidOperationException("The benchmark queries did not return the seeded messages; the figures would measure a failure path.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "List a page of 20 (count + page + JSON)")]
    public async Task<int> ListPage()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        var result = await MessageEndpoints.ListMessages(db, CancellationToken.None);
        return Write(((Ok<MessagePage>)result.Result).Value);
    }

    [Benchmark(Description = "Get one by id (query + JSON)")]
    public async Task<int> GetById()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        var result = await MessageEndpoints.GetMessage(_id, db, CancellationToken.None);
        return Write(((Ok<MessageResponse>)result.Result).Value);
    }

    private int Write<T>(T value)
    {
        _body.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_body);
        JsonSerializer.Serialize(writer, value, _json);
        return _body.WrittenCount;
    }
}
