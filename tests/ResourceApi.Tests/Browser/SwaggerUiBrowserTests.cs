using System.Web;
using Microsoft.Playwright;
using ResourceApi.Tests.DevelopmentIssuer;

namespace ResourceApi.Tests.Browser;

/// <summary>
/// What a person does in Swagger UI, in a real browser against the API started as `dotnet run` starts it:
/// authorize with the pre-filled demo client, then try operations inside and outside its scopes.
/// </summary>
[Collection(DevelopmentIssuerCollection.Name)]
public sealed class SwaggerUiBrowserTests(DevelopmentIssuerFixture api, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Authorize_with_the_demo_client_then_try_it_out_gets_200_in_scope_and_403_out_of_scope()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = api.Host.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var tokenRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/oauth/token", StringComparison.Ordinal))
            {
                tokenRequests.Add(request.PostData ?? "");
            }
        };

        try
        {
            await page.GotoAsync("/swagger/index.html");

            // Authorize: the dialog is pre-filled with demo-writer; no scope ticked means all of the client's scopes.
            await page.ClickAsync("button.authorize");
            var dialog = page.Locator(".auth-container").First;
            (await dialog.Locator("input#client_id_clientCredentials, input[data-name=clientId]").First.InputValueAsync()).Should().Be("demo-writer");
            await dialog.Locator("button.authorize").ClickAsync();
            await dialog.Locator("button:has-text('Logout')").WaitForAsync();
            await page.ClickAsync("button.btn-done");

            // In scope: GET /api/messages with read:messages.
            var list = await ExecuteAsync(page, "#operations-Messages-ListMessages");
            list.Should().Be("200");

            // Out of scope: demo-writer has no delete:messages.
            var delete = page.Locator("#operations-Messages-DeleteMessage");
            await delete.Locator(".opblock-summary").ClickAsync();
            await delete.Locator("tr[data-param-name='id'] input").FillAsync(Guid.NewGuid().ToString());
            var status = await ExecuteAsync(page, "#operations-Messages-DeleteMessage", expand: false);
            status.Should().Be("403");
            // The live response shows the RFC 6750 header and the Problem Details body.
            var shown = await delete.Locator(".live-responses-table").First.InnerTextAsync();
            shown.Should().Contain("www-authenticate").And.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"delete:messages\"");

            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, "swagger-ui-try-it-out.png"), FullPage = true });

            tokenRequests.Should().ContainSingle();
            var form = HttpUtility.ParseQueryString(tokenRequests[0]);
            form["grant_type"].Should().Be("client_credentials");
            form["audience"].Should().Be(DevelopmentIssuerFixture.Audience);
        }
        catch
        {
            var path = Path.Combine(ChromiumFixture.ScreenshotFolder, $"swagger-ui-failure-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            Console.Error.WriteLine($"Swagger UI test failed; screenshot at {path}");
            throw;
        }
    }

    /// <summary>Expands an operation (unless open), presses Execute and returns the live response's status code.</summary>
    private static async Task<string> ExecuteAsync(IPage page, string operation, bool expand = true)
    {
        var block = page.Locator(operation);
        if (expand)
        {
            await block.Locator(".opblock-summary").ClickAsync();
        }
        await block.Locator("button.execute").ClickAsync();
        var status = block.Locator(".live-responses-table .response .response-col_status").First;
        await status.WaitForAsync();
        return (await status.InnerTextAsync()).Trim();
    }
}
