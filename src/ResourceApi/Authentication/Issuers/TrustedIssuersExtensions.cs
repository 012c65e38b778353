using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.Issuers;

public static class TrustedIssuersExtensions
{
    public const string ForwardingScheme = "TrustedIssuers";

    /// <summary>
    /// Every issuer under <c>Authentication:Schemes:{name}</c> besides <c>Bearer</c> (a section with an
    /// <c>Authority</c> or <c>MetadataAddress</c>) becomes a JwtBearer scheme of its own, with its own
    /// audiences and preset; with more than one, a forwarding scheme picks each request's by its token's
    /// <c>iss</c>. With only <c>Bearer</c>, nothing changes.
    /// </summary>
    public static IServiceCollection AddTrustedIssuers(this IServiceCollection services, IConfiguration configuration)
    {
        var extra = configuration.GetSection("Authentication:Schemes").GetChildren()
            .Where(s => s.Key != JwtBearerDefaults.AuthenticationScheme && (!string.IsNullOrWhiteSpace(s["Authority"]) || !string.IsNullOrWhiteSpace(s["MetadataAddress"])))
            .Select(s => s.Key)
            .ToArray();
        var schemes = new TrustedIssuerSchemes([JwtBearerDefaults.AuthenticationScheme, .. extra]);
        services.AddSingleton(schemes);
        if (!schemes.AreSeveral)
        {
            return services;
        }

        var authentication = new AuthenticationBuilder(services);
        foreach (var name in extra)
        {
            authentication.AddJwtBearer(name);
            services.AddOptions<JwtBearerOptions>(name).ValidateOnStart();
        }
        services.AddSingleton<IssuerSchemeSelector>();
        authentication.AddScheme<AuthenticationSchemeOptions, UntrustedIssuerHandler>(UntrustedIssuerHandler.SchemeName, null);
        authentication.AddPolicyScheme(ForwardingScheme, "Bearer token from any trusted issuer", o =>
            o.ForwardDefaultSelector = context => context.RequestServices.GetRequiredService<IssuerSchemeSelector>().Select(context));
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme = ForwardingScheme);
        return services;
    }
}
