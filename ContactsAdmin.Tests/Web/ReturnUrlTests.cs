using System.Net;
using ContactsAdmin.Data;

namespace ContactsAdmin.Tests.Web;

/// <summary>Where sign-in and sign-out send the browser: only to this app's own pages.</summary>
public class ReturnUrlTests(EveryRequestCheckedAppFixture fixture) : IClassFixture<EveryRequestCheckedAppFixture>
{
    public static TheoryData<string> ForeignAddresses => new()
    {
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/contacts\\..\\evil",
        "http://evil.example",
        "https://evil.example/contacts",
        "javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task Sign_in_with_a_foreign_return_address_signs_in_and_lands_on_contacts(string returnUrl)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Viewer);
        using var session = new BrowserlessSession(fixture.App);

        using var response = await session.SubmitSignInAsync(email, password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contacts", LocalPart(response));
        Assert.True(await session.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task Sign_in_with_a_local_return_address_lands_there()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Viewer);
        using var session = new BrowserlessSession(fixture.App);

        using var response = await session.SubmitSignInAsync(email, password, "/contacts?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contacts?page=2", LocalPart(response));
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task Sign_out_with_a_foreign_return_address_signs_out_and_goes_to_contacts(string returnUrl)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Viewer);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.SignOutAsync(returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contacts", LocalPart(response));
        Assert.False(await session.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_a_bad_request_and_keeps_the_session()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Viewer);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.PostFormAsync("/Account/Logout", new Dictionary<string, string> { ["ReturnUrl"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
    }

    // The test server answers with relative or http://localhost addresses; what matters is the path.
    private static string LocalPart(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? (location.Host == "localhost" ? location.PathAndQuery : location.ToString()) : location.OriginalString;
    }
}
