using MudBlazor;

namespace ContactsAdmin.Components.Layout;

/// <summary>One theme for the admin pages and the static sign-in pages alike.</summary>
public static class AppTheme
{
    /// <summary>Text on the dark theme's light colours (buttons, chips, snackbars): 7:1 or more on each of them.</summary>
    private const string DarkText = "rgba(0,0,0,0.87)";

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
        // On the dark surfaces (#32333d page, #373740 cards, #27272f drawer) a colour used as text needs to be light,
        // and then white text on it falls under 4.5:1: so each colour is light (4.5:1 or more against every dark
        // surface) and the text on it is dark. TextSecondary at MudBlazor's 50% white is 4.25:1 on a card.
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            PrimaryContrastText = DarkText,
            Secondary = "#80cbc4",
            SecondaryContrastText = DarkText,
            TextSecondary = "rgba(255,255,255,0.7)",
            Error = "#ef9a9a",
            ErrorContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Info = "#90caf9",
            InfoContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
