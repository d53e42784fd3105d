using System.Buffers;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// Keeps a spreadsheet from running an exported cell as a formula (CSV injection). A text cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a single quote in front, as OWASP
/// recommends: Excel, LibreOffice and Google Sheets then show it as text. A phone such as <c>+380501234567</c> is
/// prefixed too, which keeps it readable: as text it keeps its plus and its digits, where a spreadsheet would
/// otherwise evaluate it as the number 380501234567 and show it as 3.80502E+11. Numbers and dates the export
/// formats itself (a custom field's <c>-5</c>) are not text cells and stay as they are.
/// </summary>
public static class SpreadsheetFormulas
{
    /// <summary>What goes in front of a cell that would start a formula.</summary>
    public const char TextMarker = '\'';

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The cell as a spreadsheet shows it as text: unchanged unless it starts like a formula.</summary>
    public static string? Neutralise(string? cell) =>
        cell is { Length: > 0 } && FormulaStarts.Contains(cell[0]) ? TextMarker + cell : cell;
}
