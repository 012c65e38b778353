using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.Presets;

/// <summary>
/// The preset's issuer and audience forms, on top of <see cref="StrictJwtBearerSetup"/>: registered after
/// it, so it sees the audiences already collected into one list.
/// </summary>
internal sealed class IssuerPresetSetup(IOptionsMonitor<AccessTokenOptions> accessTokenOptions) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var token = accessTokenOptions.Get(name);
        var tvp = options.TokenValidationParameters;
        if (token.Preset == IssuerPreset.EntraId)
        {
            tvp.ValidAudiences = [.. EntraIdForms.Audiences(tvp.ValidAudiences ?? []).Distinct(StringComparer.Ordinal)];
            tvp.IssuerValidatorUsingConfiguration = (issuer, securityToken, parameters, configuration) =>
                EntraIdForms.ValidateIssuer(issuer, securityToken, parameters, configuration, token);
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
