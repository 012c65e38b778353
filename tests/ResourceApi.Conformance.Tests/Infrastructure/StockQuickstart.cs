using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResourceApi.Conformance.Tests.Infrastructure;

/// <summary>
/// A resource server as the ASP.NET Core quickstarts write it, kept deliberately stock: <c>AddJwtBearer</c> with
/// Authority and Audience and every other default, and scope policies done the naive way
/// (<c>RequireClaim("scope", ...)</c>, which compares the whole claim). What the kit finds wrong here is what a
/// team that stopped at the quickstart ships.
/// </summary>
public sealed class StockQuickstart : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StockQuickstart(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<StockQuickstart> StartAsync(string authority, string audience, int port = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = audience;
                // The one departure from the quickstart: the kit's issuer is plain http on loopback.
                options.RequireHttpsMetadata = false;
            });
        builder.Services.AddAuthorization(options =>
        {
            options.AddPolicy("read", policy => policy.RequireClaim("scope", "read:messages"));
            options.AddPolicy("write", policy => policy.RequireClaim("scope", "write:messages"));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/messages", () => TypedResults.Ok(new[] { new { id = 1, text = "hello" } })).RequireAuthorization("read");
        app.MapPost("/api/messages", () => TypedResults.Created("/api/messages/2", new { id = 2 })).RequireAuthorization("write");

        await app.StartAsync();
        return new StockQuickstart(app, app.Urls.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
