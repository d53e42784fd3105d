using MudBlazor;

namespace ContactsAdmin.Components.Layout;

/// <summary>One theme for the admin pages and the static sign-in pages alike.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#3949ab",
            Background = "#f5f6fa",
            // MudBlazor's defaults (54% black, #f44336) fall under WCAG AA's 4.5:1 for small text on this background.
            TextSecondary = "rgba(0,0,0,0.68)",
            Error = "#c62828",
            // MudBlazor's green (#00c853) under white snackbar text is 2:1; this one is 5:1.
            Success = "#2e7d32",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7986cb",
            Secondary = "#4db6ac",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
