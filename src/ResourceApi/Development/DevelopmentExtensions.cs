using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using ResourceApi.DevelopmentIssuer;
using ResourceApi.ScopePolicies;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace ResourceApi.Development;

/// <summary>
/// Everything that exists only so `dotnet run` works on a fresh clone, in one place: the repository's
/// settings file, the built-in issuer standing in for a real one, and Swagger UI's demo client. None
/// of it is registered outside Development, so the rest of the app reads as it runs in production.
/// </summary>
public static class DevelopmentExtensions
{
    /// <summary>Call first: the settings file it adds is read by everything registered after it.</summary>
    public static WebApplicationBuilder AddDevelopmentDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsDevelopment())
        {
            AddDevelopmentOnlyServices(builder);
        }
        return builder;
    }

    // A method of its own, never inlined: compiling it loads the development issuer's and Swagger UI's
    // assemblies, so Production, which never calls it, never loads them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddDevelopmentOnlyServices(WebApplicationBuilder builder)
    {
        builder.AddRepositorySettingsFile();
        builder.Services.AddSingleton<IConfigureOptions<SwaggerUIOptions>, SwaggerUiDemoClient>();
        // The resource identifier defaults to the address the app listens on, and tokens for it are accepted.
        builder.Services.ConfigureOptions<DevelopmentResourceIdentifier>();

        // With no issuer configured, the built-in one signs tokens and the API discovers it over HTTP.
        var bearer = builder.Configuration.GetSection($"Authentication:Schemes:{JwtBearerDefaults.AuthenticationScheme}");
        if (string.IsNullOrWhiteSpace(bearer["Authority"]) && string.IsNullOrWhiteSpace(bearer["MetadataAddress"]))
        {
            builder.AddDevelopmentIssuer(DescribeApi);
            builder.Services.ConfigureOptions<DevelopmentIssuerAuthority>(); // through the access-token library's options
            // First in the pipeline's start-up: nothing is served if the issuer would be reachable from the network.
            builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, LoopbackOnlyIssuerGuard>());
            // And only requests addressed to a loopback name: a page rebinding its DNS name to 127.0.0.1 gets 400.
            builder.Services.AddSingleton<IPostConfigureOptions<HostFilteringOptions>, LoopbackHostNames>();
            // Once, after "Now listening": Swagger UI, the demo clients, a token command and an API call to paste.
            builder.Services.AddHostedService<DevelopmentBanner>();
        }
    }

    // The issuer's view of this API: the audiences the bearer scheme accepts (the resource identifier
    // among them), and the scopes the endpoints declare, read when asked (the endpoints are mapped after
    // this registration, and the identifier can be the address the server listens on).
    private static ProtectedApi DescribeApi(IServiceProvider services)
    {
        var bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var declared = services.GetRequiredService<DeclaredScopes>();
        // The default policy provider answers synchronously; this is a development-only path.
        return new ProtectedApi(() => [.. bearer.TokenValidationParameters.ValidAudiences ?? []], () => declared.AllAsync().GetAwaiter().GetResult());
    }
}
