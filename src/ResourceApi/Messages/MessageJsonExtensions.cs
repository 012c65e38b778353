namespace ResourceApi.Messages;

public static class MessageJsonExtensions
{
    /// <summary>
    /// Puts the source-generated message serializers first in the minimal-API JSON options; every other
    /// type (Problem Details, the other endpoints' responses) still resolves as before.
    /// </summary>
    public static IServiceCollection AddMessageJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, MessageJsonContext.Default));
}
