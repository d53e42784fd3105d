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
    protected readonly FakeTimeProvider Clock = new(Now);
    protected readonly BunitAuthorizationContext Auth;

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Clock);
        var zone = new UserTimeZone();
        zone.Set("UTC");
        Services.AddSingleton(zone);
        // Sections that edit inject their editor or actions; rendering tests never call them, so they have no store.
        // (A factory returning null would count as no service at all.)
        Services.AddSingleton<SubscriptionEditor>(_ => null!);
        Services.AddSingleton(new EmailStatusActions(null!, null!, Clock));
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
