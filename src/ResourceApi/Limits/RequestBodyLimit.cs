using Microsoft.AspNetCore.Http.Features;

namespace ResourceApi.Limits;

public static class RequestBodyLimit
{
    public const string SettingKey = "Kestrel:Limits:MaxRequestBodySize";

    /// <summary>A message is at most 500 characters; nothing this API takes comes near 64 KB.</summary>
    public const long DefaultMaxBytes = 64 * 1024;

    /// <summary>
    /// Refuses an oversized body with 413 Problem Details before anything reads it. Kestrel enforces
    /// the same limit on bodies without a Content-Length; this answers the declared ones up front,
    /// on any server.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this WebApplication app)
    {
        var max = app.Configuration.GetValue<long?>(SettingKey) ?? DefaultMaxBytes;

        return app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > max)
            {
                context.Response.Headers.Connection = "close";
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request body too large",
                    detail: $"The request body is larger than this API accepts ({max} bytes).").ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }
            await next(context);
        });
    }
}
