using System.Net;
using AngleSharp.Html.Parser;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// The keys behind sign-in cookies live beside the database, not in the OS user's profile: two apps with their own
/// databases do not accept each other's cookies, and a moved app keeps its keys.
/// </summary>
public class DataProtectionKeysTests
{
    [Fact]
    public async Task The_key_ring_is_kept_in_a_keys_folder_beside_the_database()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();

        await SignInAsync(app, new CookieContainer());

        var keys = Path.Combine(Path.GetDirectoryName(app.Database.Path)!, "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task A_sign_in_cookie_of_one_app_is_refused_by_an_app_on_another_database()
    {
        await using var first = new ApiApp();
        await first.InitializeAsync();
        await using var second = new ApiApp();
        await second.InitializeAsync();
        var cookies = new CookieContainer();
        await SignInAsync(first, cookies);

        using var own = await Client(first, cookies).GetAsync("/contacts", Ct);
        using var other = await Client(second, cookies).GetAsync("/contacts", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/Account/Login", other.Headers.Location!.AbsolutePath);
    }

    /// <summary>A client of <paramref name="app"/> that keeps its cookies in <paramref name="cookies"/> (both apps answer as localhost).</summary>
    private static HttpClient Client(ApiApp app, CookieContainer cookies) =>
        app.Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    /// <summary>Signs in as the test Admin through the sign-in form, as a browser would.</summary>
    private static async Task SignInAsync(ApiApp app, CookieContainer cookies)
    {
        using var client = Client(app, cookies);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/Login", Ct));
        var form = page.QuerySelector("form[method=post]")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Email"] = AppFactory.AdminEmail;
        fields["Input.Password"] = AppFactory.AdminPassword;
        using var response = await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : "/Account/Login", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
