using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Users;

/// <summary>One app (not started on a port) for the tests of /settings/users' service; each test makes its own users.</summary>
public sealed class UserSettingsAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await AppFactory.CreateAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>What an Admin's changes at /settings/users do, what Marketers and Viewers are refused, and what the audit log keeps.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class UserSettingsTests(UserSettingsAppFixture fixture) : IClassFixture<UserSettingsAppFixture>
{
    private AppFactory App => fixture.App;
    private UserSettings Users => App.Services.GetRequiredService<UserSettings>();

    private static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    private async Task<string> CreatedAsync(string role)
    {
        var email = NewEmail(role.ToLowerInvariant());
        Assert.IsType<UserOutcome.Created>(await Users.CreateAsync(new UserDraft(email, role, "Typed-Pass-123!"), TestUsers.Admin()));
        return email;
    }

    private async Task<T> WithUserManagerAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    private Task<bool> PasswordWorksAsync(string email, string password) =>
        WithUserManagerAsync(async users => await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password));

    private async Task<List<SettingsChange>> AuditOfAsync(string email)
    {
        await using var db = App.Database.NewContext();
        return await db.SettingsChanges.Where(c => c.Subject == email).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    public static TheoryData<string> NotAdmins => [Roles.Marketer, Roles.Viewer];

    [Theory]
    [MemberData(nameof(NotAdmins))]
    public async Task Marketers_and_viewers_are_refused_every_action_and_nothing_changes(string role)
    {
        var caller = role == Roles.Marketer ? TestUsers.Marketer() : TestUsers.Viewer();
        var target = await CreatedAsync(Roles.Viewer);
        var newcomer = NewEmail("newcomer");

        UserOutcome[] outcomes =
        [
            await Users.CreateAsync(new UserDraft(newcomer, Roles.Admin, null), caller),
            await Users.ChangeRoleAsync(target, Roles.Admin, caller),
            await Users.DisableAsync(target, caller),
            await Users.EnableAsync(target, caller),
            await Users.UnlockAsync(target, caller),
            await Users.ResetPasswordAsync(target, caller),
        ];

        Assert.All(outcomes, outcome => Assert.Equal("Only Admins manage users.", Assert.IsType<UserOutcome.Refused>(outcome).Reason));
        var listed = (await Users.ListAsync()).Single(u => u.Email == target);
        Assert.Equal((Roles.Viewer, AccountState.Active), (listed.Role, listed.State));
        Assert.True(await PasswordWorksAsync(target, "Typed-Pass-123!"));
        Assert.DoesNotContain(await Users.ListAsync(), u => u.Email == newcomer);
        Assert.Equal(["Created"], (await AuditOfAsync(target)).Select(c => c.Action));
    }

    [Fact]
    public async Task An_added_user_with_a_generated_password_gets_it_once_and_can_sign_in_with_it()
    {
        var email = NewEmail("generated");

        var created = Assert.IsType<UserOutcome.Created>(await Users.CreateAsync(new UserDraft(email, Roles.Marketer, null), TestUsers.Admin()));

        Assert.Equal(email, created.Email);
        Assert.True(await PasswordWorksAsync(email, created.OneTimePassword!));
        Assert.Equal((Roles.Marketer, AccountState.Active), (await Users.ListAsync()).Where(u => u.Email == email).Select(u => (u.Role, u.State)).Single());
    }

    [Fact]
    public async Task A_password_the_admin_types_is_kept_and_not_shown_again()
    {
        var email = NewEmail("typed");

        var created = Assert.IsType<UserOutcome.Created>(await Users.CreateAsync(new UserDraft(email, Roles.Viewer, "Chosen-Pass-42!"), TestUsers.Admin()));

        Assert.Null(created.OneTimePassword);
        Assert.True(await PasswordWorksAsync(email, "Chosen-Pass-42!"));
    }

    [Fact]
    public async Task Bad_input_is_named_by_field()
    {
        var taken = await CreatedAsync(Roles.Viewer);

        var badEmail = Assert.IsType<UserOutcome.Invalid>(await Users.CreateAsync(new UserDraft("not an email", Roles.Viewer, null), TestUsers.Admin()));
        var duplicate = Assert.IsType<UserOutcome.Invalid>(await Users.CreateAsync(new UserDraft(taken.ToUpperInvariant(), Roles.Viewer, null), TestUsers.Admin()));
        var weak = Assert.IsType<UserOutcome.Invalid>(await Users.CreateAsync(new UserDraft(NewEmail("weak"), Roles.Viewer, "short"), TestUsers.Admin()));
        var noRole = Assert.IsType<UserOutcome.Invalid>(await Users.CreateAsync(new UserDraft(NewEmail("norole"), "Owner", null), TestUsers.Admin()));
        var empty = Assert.IsType<UserOutcome.Invalid>(await Users.CreateAsync(new UserDraft(NewEmail("empty"), Roles.Viewer, ""), TestUsers.Admin()));

        Assert.Equal("Enter an email address like name@example.com.", badEmail.Errors[UserInput.Email]);
        Assert.Equal("Another user already signs in with this email.", duplicate.Errors[UserInput.Email]);
        Assert.Equal([UserInput.Password], weak.Errors.Keys);
        Assert.Contains("at least 10 characters", weak.Errors[UserInput.Password]);
        Assert.Contains("Choose a role", noRole.Errors[UserInput.Role]);
        Assert.Equal([UserInput.Password], empty.Errors.Keys);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_ends_the_users_sessions()
    {
        var email = await CreatedAsync(Roles.Viewer);
        var stampBefore = await WithUserManagerAsync(async users => (await users.FindByEmailAsync(email))!.SecurityStamp);

        var reset = Assert.IsType<UserOutcome.PasswordReset>(await Users.ResetPasswordAsync(email, TestUsers.Admin()));

        Assert.False(await PasswordWorksAsync(email, "Typed-Pass-123!"));
        Assert.True(await PasswordWorksAsync(email, reset.Password));
        Assert.NotEqual(stampBefore, await WithUserManagerAsync(async users => (await users.FindByEmailAsync(email))!.SecurityStamp));
    }

    [Fact]
    public async Task Every_action_is_in_the_audit_log_by_who_made_it_and_no_entry_holds_a_password()
    {
        var admin = TestUsers.Admin("boss@example.com");
        var email = NewEmail("audited");
        await Users.CreateAsync(new UserDraft(email, Roles.Viewer, "Typed-Pass-123!"), admin);
        await Users.ChangeRoleAsync(email, Roles.Marketer, admin);
        await Users.DisableAsync(email, admin);
        await Users.EnableAsync(email, admin);
        await LockOutAsync(email);
        await Users.UnlockAsync(email, admin);
        var reset = Assert.IsType<UserOutcome.PasswordReset>(await Users.ResetPasswordAsync(email, admin));

        var entries = await AuditOfAsync(email);

        Assert.Equal(["Created", "Role changed", "Disabled", "Enabled", "Unlocked", "Password reset"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((SettingsArea.User, "boss@example.com"), (e.Area, e.Actor)));
        Assert.Equal(("""{"Role":"Viewer"}""", """{"Role":"Marketer"}"""), (entries[1].Before, entries[1].After));
        Assert.Equal(("""{"State":"Active"}""", """{"State":"Disabled"}"""), (entries[2].Before, entries[2].After));
        Assert.Equal("""{"State":"Locked"}""", entries[4].Before);
        Assert.All(entries, e => Assert.DoesNotContain("Typed-Pass-123!", e.Before + e.After));
        Assert.All(entries, e => Assert.DoesNotContain(reset.Password, e.Before + e.After));
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_lowered_nor_disabled()
    {
        // An app of its own: the seeded Admin is its only Admin.
        await using var app = await AppFactory.CreateAsync();
        var users = app.Services.GetRequiredService<UserSettings>();
        var admin = TestUsers.Admin(AppFactory.AdminEmail);

        var lowered = Assert.IsType<UserOutcome.Refused>(await users.ChangeRoleAsync(AppFactory.AdminEmail, Roles.Viewer, admin));
        var disabled = Assert.IsType<UserOutcome.Refused>(await users.DisableAsync(AppFactory.AdminEmail, admin));

        Assert.Contains("only enabled Admin", lowered.Reason);
        Assert.Contains("only enabled Admin", disabled.Reason);
        Assert.Equal((Roles.Admin, AccountState.Active), (await users.ListAsync()).Where(u => u.Email == AppFactory.AdminEmail).Select(u => (u.Role, u.State)).Single());

        // With a second Admin, the first may go.
        Assert.IsType<UserOutcome.Created>(await users.CreateAsync(new UserDraft(NewEmail("second"), Roles.Admin, null), admin));
        Assert.IsType<UserOutcome.Done>(await users.ChangeRoleAsync(AppFactory.AdminEmail, Roles.Viewer, admin));
    }

    private Task<IdentityResult> LockOutAsync(string email) => WithUserManagerAsync(async users =>
    {
        var user = (await users.FindByEmailAsync(email))!;
        return await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
    });
}
