using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Playwright;
using ResourceApi.Tests.DevelopmentIssuer;
using ResourceApi.Tests.Infrastructure;

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
        await RunInBrowserAsync(api.Host, "swagger-ui-try-it-out", async (page, tokenRequests) =>
        {
            // The dialog is pre-filled with demo-writer, its own scopes ticked.
            await AuthorizeAsync(page, selectAll: false);
            await TryItOutAsync(page);

            var form = tokenRequests.Should().ContainSingle().Subject.Form;
            form["grant_type"].Should().Be("client_credentials");
            form["audience"].Should().Be(DevelopmentIssuerFixture.Audience);
            form["scope"]!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages");
        });
    }

    [Fact]
    public async Task Select_all_in_the_Authorize_dialog_still_gets_a_token_and_the_same_lesson()
    {
        await RunInBrowserAsync(api.Host, "swagger-ui-select-all", async (page, tokenRequests) =>
        {
            // "select all" also asks for delete:messages, which demo-writer may not have: the issuer
            // grants the rest (RFC 6749 section 3.3) instead of refusing the whole request.
            await AuthorizeAsync(page, selectAll: true);
            await TryItOutAsync(page);

            var form = tokenRequests.Should().ContainSingle().Subject.Form;
            form["scope"]!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages", "delete:messages");
        });
    }

    [Fact]
    public async Task Beside_Auth0_the_demo_client_fills_only_the_development_issuers_flow_and_each_flow_gets_a_token_for_its_own_audience()
    {
        var both = await api.BesideAuth0Async();
        await RunInBrowserAsync(both.Host, "swagger-ui-beside-auth0", async (page, tokenRequests) =>
        {
            // The tenant's token endpoint answers in the browser with a token signed by the tenant's key,
            // which the API checks against the JWKS it fetches over HTTP, as for any token.
            string? auth0Credentials = null;
            await page.RouteAsync(both.Auth0.BaseUrl + TestIssuer.TokenPath, async route =>
            {
                auth0Credentials = (await route.Request.AllHeadersAsync()).GetValueOrDefault("authorization");
                await route.FulfillAsync(new()
                {
                    Status = 200,
                    ContentType = "application/json",
                    Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                    Body = JsonSerializer.Serialize(new { access_token = both.Auth0.Token("read:messages"), token_type = "Bearer", expires_in = 300 }),
                });
            });

            await page.ClickAsync("button.authorize");
            var development = Flow(page, "oauth2");
            var auth0 = Flow(page, "oauth2-Auth0");
            // Swagger UI's initOAuth would fill both alike; only the development issuer's shows the demo client.
            (await development.Locator("input[data-name=clientId]").InputValueAsync()).Should().Be("demo-writer");
            (await development.Locator("input[type=checkbox]:checked").CountAsync()).Should().Be(2);
            (await auth0.Locator("input[data-name=clientId]").InputValueAsync()).Should().BeEmpty();
            (await auth0.Locator("input[data-name=clientSecret]").InputValueAsync()).Should().BeEmpty();
            (await auth0.Locator("input[type=checkbox]:checked").CountAsync()).Should().Be(0);

            await auth0.Locator("input[data-name=clientId]").FillAsync("auth0-client");
            await auth0.Locator("input[data-name=clientSecret]").FillAsync("auth0-secret");
            await auth0.Locator("a:has-text('select all')").ClickAsync();
            await auth0.Locator("button.authorize").ClickAsync();
            await auth0.Locator("button:has-text('Logout')").WaitForAsync();
            await page.ClickAsync("button.btn-done");
            (await ExecuteAsync(page, "#operations-Messages-ListMessages")).Should().Be("200", "the Auth0 token reads");

            // Now the development issuer's flow instead, as pre-filled.
            await page.ClickAsync("button.authorize");
            await auth0.Locator("button:has-text('Logout')").ClickAsync();
            // The dialog renders again on logout: wait until the Auth0 form is back to its Authorize button
            // before using the other form, so the click does not land on a form being replaced.
            await auth0.Locator("button.authorize").WaitForAsync();
            await development.Locator("button.authorize").ClickAsync();
            await development.Locator("button:has-text('Logout')").WaitForAsync();
            await page.ClickAsync("button.btn-done");
            (await ExecuteAsync(page, "#operations-Messages-ListMessages", expand: false)).Should().Be("200", "the development token reads");

            tokenRequests.Select(r => r.Url).Should().Equal(both.Auth0.BaseUrl + TestIssuer.TokenPath, both.Host.BaseUrl + "/oauth/token");
            tokenRequests[0].Form["audience"].Should().Be(TestIssuer.Audience, "the Auth0 tenant knows this API by the Auth0 scheme's audience");
            auth0Credentials.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("auth0-client:auth0-secret")), "the demo secret never goes to Auth0");
            tokenRequests[1].Form["audience"].Should().Be(DevelopmentIssuerFixture.Audience);
            tokenRequests[1].Form["scope"]!.Split(' ').Should().BeEquivalentTo("read:messages", "write:messages");
        });
    }

    /// <summary>A client-credentials token request the page sent: where to, and its form.</summary>
    private sealed record TokenRequest(string Url, System.Collections.Specialized.NameValueCollection Form);

    /// <summary>The Authorize dialog's form for the security scheme <paramref name="scheme"/>.</summary>
    private static ILocator Flow(IPage page, string scheme) =>
        page.Locator(".auth-container").Filter(new() { Has = page.Locator("h4", new() { HasTextRegex = new Regex("^" + Regex.Escape(scheme) + " \\(") }) });

    /// <summary>Opens Swagger UI on <paramref name="host"/>, runs <paramref name="steps"/> with the token requests the page sent, screenshots the result.</summary>
    private async Task RunInBrowserAsync(ApiHost host, string name, Func<IPage, List<TokenRequest>, Task> steps)
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var tokenRequests = new List<TokenRequest>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.PostData?.Contains("grant_type=client_credentials", StringComparison.Ordinal) == true)
            {
                tokenRequests.Add(new TokenRequest(request.Url, HttpUtility.ParseQueryString(request.PostData)));
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
