using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Features.Categories;
using ContactsAdmin.Tests.Web;

namespace ContactsAdmin.Tests.Features.Forms;

/// <summary>The widgets and forms pages over plain HTTP: only Admins get them; the server refuses everyone else.</summary>
public class WidgetAndFormPagesAccessTests(CategoriesAppFixture fixture) : IClassFixture<CategoriesAppFixture>
{
    [Theory]
    [InlineData(Roles.Marketer, "/settings/widgets")]
    [InlineData(Roles.Viewer, "/settings/widgets")]
    [InlineData(Roles.Marketer, "/settings/forms")]
    [InlineData(Roles.Viewer, "/settings/forms")]
    public async Task Marketers_and_viewers_are_sent_to_access_denied(string role, string path)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, role);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Theory]
    [InlineData("/settings/widgets")]
    [InlineData("/settings/forms")]
    public async Task An_admin_is_let_in(string path)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Admin);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
