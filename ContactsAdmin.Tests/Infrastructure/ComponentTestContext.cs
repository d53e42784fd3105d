using Bunit;
using Bunit.TestDoubles;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// bUnit with MudBlazor's services, loose JS interop, a fixed clock (29 Nov 2026, 10:00 UTC), the user's
/// time zone set to UTC, and a signed-in user whose role the test chooses.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    protected FakeTimeProvider Clock { get; } = new(Now);
    protected BunitAuthorizationContext Auth { get; }

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bUnit waits a second by default; a page that reads the real store may take longer on a loaded CI machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Clock);
        var zone = new UserTimeZone();
        zone.Set("UTC");
        Services.AddSingleton(zone);
        Services.AddSingleton(ContactsAdmin.Profile.Fields.ProfileFieldTable.Standard);
        // Sections that edit inject their services; rendering tests never call them, so they get no store.
        Services.AddSingleton(new SubscriptionEditor(null!, null!, Clock));
        Services.AddSingleton(new EmailStatusActions(null!, null!, null!, Clock));
        Auth = AddAuthorization();
        Auth.SetAuthorized("marketer@example.com");
        Auth.SetRoles(Roles.Marketer);
        Auth.SetPolicies(ContactsAdmin.Setup.Policies.CanEdit);
    }

    protected void SignInAsViewer()
    {
        Auth.SetAuthorized("viewer@example.com");
        Auth.SetRoles(Roles.Viewer);
        Auth.SetPolicies();
    }
}
