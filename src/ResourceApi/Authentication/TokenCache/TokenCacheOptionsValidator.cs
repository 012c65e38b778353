using Microsoft.Extensions.Options;

namespace ResourceApi.Authentication.TokenCache;

/// <summary>Stops the app at start when the cache's bound makes no sense, naming the key to fix.</summary>
internal sealed class TokenCacheOptionsValidator : IValidateOptions<TokenCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenCacheOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        if (options.MaxEntries < 1 || options.MaxEntries > TokenCacheOptions.MaxMaxEntries)
        {
            return ValidateOptionsResult.Fail(
                $"Authentication:Schemes:{name}:{TokenCacheOptions.SectionName}:MaxEntries must be between 1 and {TokenCacheOptions.MaxMaxEntries}; got {options.MaxEntries}. "
                + $"To switch the cache off, set Authentication:Schemes:{name}:{TokenCacheOptions.SectionName}:Enabled to false.");
        }
        return ValidateOptionsResult.Success;
    }
}
