using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ContactsAdmin.Components.Shared;

/// <summary>
/// MudBlazor's Material icons without the shapes that draw nothing: most carry a transparent 24×24 box
/// (<c>fill="none"</c>, there to give the glyph its bounds in the original SVG files; the icon's viewBox does that here)
/// and many wrap their paths in empty <c>&lt;g&gt;</c> groups. The icon looks the same with one to four elements
/// fewer, which adds up on a prerendered page with dozens of icons (navigation, toolbar, pager): each element is parsed,
/// styled and laid out before the first paint.
/// </summary>
public static partial class LeanIcon
{
    private static readonly ConcurrentDictionary<string, string> Stripped = new();

    /// <summary>The icon's markup without its no-op shapes; cached, as icons are constants.</summary>
    public static string Of(string icon) => Stripped.GetOrAdd(icon, Strip);

    private static string Strip(string icon)
    {
        // A stroke (on the shape or a group around it) could make a fill="none" shape visible: such icons stay whole.
        if (icon.Contains("stroke", StringComparison.Ordinal)) return icon;
        var lean = NoOpShape().Replace(icon, "");
        // Unwrap attribute-less groups from the inside out (they may nest); an empty group goes entirely.
        string before;
        do
        {
            before = lean;
            lean = PlainGroup().Replace(lean, "$1");
        }
        while (lean != before);
        return lean;
    }

    /// <summary>A path or rect painted with fill="none" (and no stroke in the icon): invisible, whatever its geometry.</summary>
    [GeneratedRegex("""<(?:path|rect)\b[^>]*\bfill="none"[^>]*/>""")]
    private static partial Regex NoOpShape();

    /// <summary>A &lt;g&gt; without attributes holding no further &lt;g&gt;: grouping nothing, so its content can stand alone.</summary>
    [GeneratedRegex("""<g>((?:(?!<g[\s>]|</g>).)*)</g>""", RegexOptions.Singleline)]
    private static partial Regex PlainGroup();
}
