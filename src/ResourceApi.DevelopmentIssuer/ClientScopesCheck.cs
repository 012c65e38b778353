using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// Stops the app at start when a demo client names a scope the API does not declare. It runs once the
/// request pipeline is built, when the app's endpoints (and so its scopes) are known, and before the
/// server takes a request.
/// </summary>
internal sealed class ClientScopesCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);

        var settings = app.ApplicationServices.GetRequiredService<IOptions<DevelopmentIssuerSettings>>().Value;
        var api = app.ApplicationServices.GetRequiredService<ProtectedApi>();
        var errors = DevelopmentIssuerSettingsValidator.UndefinedScopes(settings, api);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(DevelopmentIssuerSettings.SectionName, typeof(DevelopmentIssuerSettings), errors);
        }
    };
}
