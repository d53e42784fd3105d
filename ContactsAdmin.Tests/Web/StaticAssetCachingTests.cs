using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// A full page load paints only once its styles are in; a browser that kept them from the last page paints sooner.
/// The app runs from its build output here, as `dotnet run` runs it.
/// </summary>
public partial class StaticAssetCachingTests(AnonymousAppFixture fixture) : IClassFixture<AnonymousAppFixture>
{
    /// <summary>The build's fingerprint: a dot, ten letters or digits, a dot, before the extension.</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}\.(css|js|svg)$")]
    private static partial Regex Fingerprinted();

    [Fact]
    public async Task Every_style_and_script_a_page_links_is_fingerprinted_and_kept_by_the_browser_for_good()
    {
        using var client = fixture.NewClient();
        var html = await client.GetStringAsync("/Account/Login", Ct);
        var document = new HtmlParser().ParseDocument(html);
        var assets = document.QuerySelectorAll("link[rel=stylesheet], link[rel=modulepreload], link[rel=icon]").Select(l => l.GetAttribute("href"))
            .Concat(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")))
            .OfType<string>().ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("js/browser", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            Assert.True(Fingerprinted().IsMatch(asset), $"{asset} has no fingerprint, so a browser must ask for it again on every page");
            using var response = await client.GetAsync(asset, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cacheControl = response.Headers.CacheControl;
            Assert.True(cacheControl is { MaxAge.TotalDays: >= 365 } && cacheControl.Extensions.Any(e => e.Name == "immutable"),
                $"{asset} is sent with Cache-Control: {cacheControl}");
        }
    }

    [Fact]
    public async Task The_module_a_page_loads_is_the_one_its_import_map_names_so_it_runs_once()
    {
        using var client = fixture.NewClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/Login", Ct));

        var importMap = document.QuerySelector("script[type=importmap]")!.TextContent;
        var script = document.QuerySelector("script[type=module]")!.GetAttribute("src")!;
        Assert.Contains($"\"./js/browser.js\": \"./{script}\"", importMap, StringComparison.Ordinal);
    }
}
