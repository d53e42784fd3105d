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
            Secondary = "#00796b",
            AppbarBackground = "#3949ab",
            Background = "#f5f6fa",
            // MudBlazor's defaults (54% black, #f44336) fall under WCAG AA's 4.5:1 for small text on this background.
            // The same holds for the status colours as text and behind white text (snackbars, chips, buttons):
            // each of these is at least 4.5:1 against white and the page background.
            TextSecondary = "rgba(0,0,0,0.68)",
            Error = "#c62828",
            Success = "#1b5e20",
            Info = "#1565c0",
            Warning = "#8a5300",
        },
        PaletteDark = new PaletteDark
        {
            // The same bar in the dark: MudBlazor's 50% white secondary text, #7986cb as link text on the drawer and
            // white on #f64e62 (the blacklisted chip) fall under 4.5:1; these lighter tones carry dark text.
            Primary = "#9fa8da",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            Secondary = "#4db6ac",
            TextSecondary = "rgba(255,255,255,0.7)",
            Error = "#ff8a80",
            ErrorContrastText = "rgba(0,0,0,0.87)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
