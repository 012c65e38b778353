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
        await RunInBrowserAsync("swagger-ui-try-it-out", async (page, tokenRequests) =>
        {
            // The dialog is pre-filled with demo-writer, its own scopes ticked.
            await AuthorizeAsync(page, selectAll: false);
            await TryItOutAsync(page);

            var form = HttpUtility.ParseQueryString(tokenRequests.Should().ContainSingle().Subject);
            form["grant_type"].Should().Be("client_credentials");
            form["audience"].Should().Be(DevelopmentIssuerFixture.Audience);
            form["scope"]!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages");
        });
    }

    [Fact]
    public async Task Select_all_in_the_Authorize_dialog_still_gets_a_token_and_the_same_lesson()
    {
        await RunInBrowserAsync("swagger-ui-select-all", async (page, tokenRequests) =>
        {
            // "select all" also asks for delete:messages, which demo-writer may not have: the issuer
            // grants the rest (RFC 6749 section 3.3) instead of refusing the whole request.
            await AuthorizeAsync(page, selectAll: true);
            await TryItOutAsync(page);

            var form = HttpUtility.ParseQueryString(tokenRequests.Should().ContainSingle().Subject);
            form["scope"]!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages", "delete:messages");
        });
    }

    /// <summary>Opens Swagger UI, runs <paramref name="steps"/> with the token requests the page sent, screenshots the result.</summary>
    private async Task RunInBrowserAsync(string name, Func<IPage, List<string>, Task> steps)
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
            await steps(page, tokenRequests);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, name + ".png"), FullPage = true });
        }
        catch
        {
            var path = Path.Combine(ChromiumFixture.ScreenshotFolder, $"{name}-failure-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            Console.Error.WriteLine($"Swagger UI test failed; screenshot at {path}");
            throw;
        }
    }

    /// <summary>Authorize with the pre-filled demo client, optionally after "select all".</summary>
    private static async Task AuthorizeAsync(IPage page, bool selectAll)
    {
        await page.ClickAsync("button.authorize");
        var dialog = page.Locator(".auth-container").First;
        (await dialog.Locator("input#client_id_clientCredentials, input[data-name=clientId]").First.InputValueAsync()).Should().Be("demo-writer");
        if (selectAll)
        {
            await dialog.Locator("a:has-text('select all')").ClickAsync();
        }
        await dialog.Locator("button.authorize").ClickAsync();
        await dialog.Locator("button:has-text('Logout')").WaitForAsync();
        await page.ClickAsync("button.btn-done");
    }

    /// <summary>GET /api/messages answers 200 (read:messages); DELETE answers 403 insufficient_scope (no delete:messages).</summary>
    private static async Task TryItOutAsync(IPage page)
    {
        var list = await ExecuteAsync(page, "#operations-Messages-ListMessages");
        list.Should().Be("200");

        var delete = page.Locator("#operations-Messages-DeleteMessage");
        await delete.Locator(".opblock-summary").ClickAsync();
        await delete.Locator("tr[data-param-name='id'] input").FillAsync(Guid.NewGuid().ToString());
        var status = await ExecuteAsync(page, "#operations-Messages-DeleteMessage", expand: false);
        status.Should().Be("403");
        // The live response shows the RFC 6750 header and the Problem Details body.
        var shown = await delete.Locator(".live-responses-table").First.InnerTextAsync();
        shown.Should().Contain("www-authenticate").And.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"delete:messages\"");
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
