using ContactsAdmin.Components;
using ContactsAdmin.Components.Account;
using ContactsAdmin.Components.Shared;
using MudBlazor.Services;

namespace ContactsAdmin.Setup;

public static class UiSetup
{
    public static WebApplicationBuilder AddContactsUi(this WebApplicationBuilder builder)
    {
        // Serve the libraries' assets (MudBlazor's _content, blazor.web.js) from the build output in
        // every environment, not only Development: `dotnet run` starts in Production. No-op when published.
        builder.WebHost.UseStaticWebAssets();
        builder.AddSecurityHeaders();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<UserTimeZone>();
        // The layout reads the zone and theme cookies while it prerenders (FirstPaintPreferences).
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ContactsAdmin.Features.Contacts.ContactsBackLink>();
        return builder;
    }

    public static WebApplication UseContactsPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapContactsUi(this WebApplication app)
    {
        // Styles and scripts are needed by the sign-in page too, before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
