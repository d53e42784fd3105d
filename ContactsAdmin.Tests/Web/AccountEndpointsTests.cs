using System.Net;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// What the account page posts, over real HTTP: the user's own password change and "sign out of every other session"
/// keep this browser signed in (a renewed cookie) and end the others; and a sign-in is remembered for the Users page.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class AccountEndpointsTests(EveryRequestCheckedAppFixture fixture) : IClassFixture<EveryRequestCheckedAppFixture>
{
    private AppFactory App => fixture.App;

    private static async Task<HttpResponseMessage> PostWithTokenAsync(BrowserlessSession session, string path, Dictionary<string, string> fields)
    {
        // Any page's form carries the session's antiforgery token, as the account page's does.
        fields["__RequestVerificationToken"] = (await session.FormFieldsAsync("/Account/Login"))["__RequestVerificationToken"];
        return await session.PostFormAsync(path, fields);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(BrowserlessSession session, string current, string next, string confirm) =>
        PostWithTokenAsync(session, PasswordChangeForm.Path, new()
        {
            [PasswordChangeForm.CurrentPassword] = current,
            [PasswordChangeForm.NewPassword] = next,
            [PasswordChangeForm.ConfirmPassword] = confirm,
        });

    [Fact]
    public async Task A_sign_in_is_remembered_as_the_users_last_sign_in()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        var before = DateTime.UtcNow.AddSeconds(-1);
        using var session = new BrowserlessSession(App);

        await session.SignInAsync(email, password);

        await using var db = App.Database.NewContext();
        var lastSignIn = await db.Users.Where(u => u.Email == email).Select(u => u.LastSignInAt).SingleAsync(Ct);
        Assert.NotNull(lastSignIn);
        Assert.True(lastSignIn >= before, $"{lastSignIn:O} is before the sign-in at {before:O}");
    }

    [Fact]
    public async Task Changing_ones_own_password_keeps_this_session_ends_the_others_and_the_new_password_signs_in()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        using var elsewhere = new BrowserlessSession(App);
        await elsewhere.SignInAsync(email, password);

        using var changed = await ChangePasswordAsync(session, password, "Brand-New-Pass-7!", "Brand-New-Pass-7!");

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
        Assert.False(await elsewhere.IsSignedInForAsync("/contacts"));
        using var fresh = new BrowserlessSession(App);
        using var oldPassword = await fresh.SubmitSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        await fresh.SignInAsync(email, "Brand-New-Pass-7!");
        await using var db = App.Database.NewContext();
        Assert.Contains(await db.SettingsChanges.Where(c => c.Subject == email).Select(c => c.Action).ToListAsync(Ct), a => a == "Password changed");
    }

    [Fact]
    public async Task A_wrong_current_password_a_weak_new_one_and_a_different_repeat_are_each_named_and_nothing_changes()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Marketer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);

        using var refused = await ChangePasswordAsync(session, "Not-My-Pass-1!", "short", "shorter");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal("This is not your current password.", errors.GetProperty(PasswordChangeForm.CurrentPassword)[0].GetString());
        Assert.Contains("at least 10 characters", errors.GetProperty(PasswordChangeForm.NewPassword)[0].GetString());
        Assert.Equal("The two new passwords are not the same.", errors.GetProperty(PasswordChangeForm.ConfirmPassword)[0].GetString());
        Assert.True(await session.IsSignedInForAsync("/contacts"));
        using var again = new BrowserlessSession(App);
        await again.SignInAsync(email, password);
    }

    [Fact]
    public async Task Signing_out_of_every_other_session_keeps_this_one()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        using var elsewhere = new BrowserlessSession(App);
        await elsewhere.SignInAsync(email, password);

        using var done = await PostWithTokenAsync(session, "/Account/SignOutOtherSessions", []);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account?done=others", done.Headers.Location!.OriginalString);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
        Assert.False(await elsewhere.IsSignedInForAsync("/contacts"));
    }

    [Theory]
    [InlineData(PasswordChangeForm.Path)]
    [InlineData("/Account/SignOutOtherSessions")]
    public async Task A_post_without_the_antiforgery_token_is_refused(string path)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        using var elsewhere = new BrowserlessSession(App);
        await elsewhere.SignInAsync(email, password);

        using var refused = await session.PostFormAsync(path, new Dictionary<string, string>
        {
            [PasswordChangeForm.CurrentPassword] = password,
            [PasswordChangeForm.NewPassword] = "Brand-New-Pass-7!",
            [PasswordChangeForm.ConfirmPassword] = "Brand-New-Pass-7!",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(await elsewhere.IsSignedInForAsync("/contacts"));
    }
}
