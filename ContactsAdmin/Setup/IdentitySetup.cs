using System.Security.Claims;
using ContactsAdmin.Components.Account;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Setup;

public static class Policies
{
    /// <summary>May read: every role ("Viewers read everything"), so pages any role reads ask this rather than list roles.</summary>
    public const string CanRead = "CanRead";
    /// <summary>May change contact data: Marketers and Admins.</summary>
    public const string CanEdit = "CanEdit";
    /// <summary>May manage users, keys, definitions and the blacklist.</summary>
    public const string AdminOnly = "AdminOnly";
    /// <summary>May delete or erase contacts: Admins, as the role matrix says (Marketers edit, but do not remove people).</summary>
    public const string CanDeleteContacts = "CanDeleteContacts";

    /// <summary>
    /// The check every service makes again before it acts (a page's <c>[Authorize]</c> guards only the page): the
    /// registered policy decides, never a role list of the caller's own.
    /// </summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}

public static class IdentitySetup
{
    /// <summary>Identity on the contact store's database; every endpoint requires a signed-in user unless it says otherwise.</summary>
    public static WebApplicationBuilder AddContactsIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<UserSettings>();
        services.AddSingleton<AccountPreferences>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "ContactsAdmin.Auth";
        });
        // Each request re-reads the user's security stamp once its last check is older than this (the cookie
        // remembers when), so taken-away access ends within seconds rather than Identity's default 30 minutes.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<AccountSecurityOptions>((validator, accounts) =>
            validator.ValidationInterval = accounts.RevalidationInterval);

        services.AddContactsPolicies()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddContactsIdentityCore()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return builder;
    }

    /// <summary>
    /// Which roles may do what, declared once: pages (<c>[Authorize(Policy=)]</c>), components (<c>AuthorizeView Policy=</c>)
    /// and services (<see cref="IAuthorizationService"/>) all ask these policies, and tests register the same ones.
    /// </summary>
    public static AuthorizationBuilder AddContactsPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CanRead, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Policies.CanEdit, policy => policy.RequireRole(Roles.Admin, Roles.Marketer))
            .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.CanDeleteContacts, policy => policy.RequireRole(Roles.Admin));

    /// <summary>The user and role stores alone: shared by the web app and the command line.</summary>
    public static IdentityBuilder AddContactsIdentityCore(this IServiceCollection services)
    {
        services.AddTransient<AdminAccountSeeder>();
        services.AddTransient<UserAccounts>();
        return services.AddIdentityCore<ApplicationUser>(options =>
            {
                // No email is sent by this app; accounts are created by an Admin or the command line.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
    }
}
