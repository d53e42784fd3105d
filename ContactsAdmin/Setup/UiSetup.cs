using ContactsAdmin.Components;
using ContactsAdmin.Components.Account;
using ContactsAdmin.Components.Shared;
using MudBlazor.Services;

namespace ContactsAdmin.Setup;

public static class UiSetup
{
    /// <summary>ASP.NET Core's switch that keeps the static asset manifest's cache headers for a build (not published) output.</summary>
    public const string StaticAssetCachingKey = "EnableStaticAssetsDevelopmentCaching";

    public static WebApplicationBuilder AddContactsUi(this WebApplicationBuilder builder)
    {
        // Serve the libraries' assets (MudBlazor's _content, blazor.web.js) from the build output in
        // every environment, not only Development: `dotnet run` starts in Production. No-op when published.
        builder.WebHost.UseStaticWebAssets();
        // Run from the build output (`dotnet run`, the README's way), MapStaticAssets would send every asset as
        // no-cache, so each page load fetched the styles and scripts again before it could paint (about 60 ms of a
        // full load at 1M contacts). The manifest's own headers are right in every environment: fingerprinted URLs
        // are immutable (a changed file gets a new URL), the rest revalidate. An explicit setting still wins.
        builder.Configuration[StaticAssetCachingKey] ??= "true";
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
