using System.Net;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;

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

        using var session = new BrowserlessSession(app.Factory);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

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
        using var session = new BrowserlessSession(first.Factory);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        using var onSecond = session.CopyTo(second.Factory);

        using var own = await session.GetAsync("/contacts");
        using var other = await onSecond.GetAsync("/contacts");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/Account/Login", other.Headers.Location!.AbsolutePath);
    }
}
