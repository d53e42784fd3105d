namespace ContactsAdmin.Features.Export;

/// <summary>One column of an export: its header and how a row's cell is written.</summary>
/// <param name="IsText">
/// Whether the cell holds text someone typed, which is neutralised (<see cref="SpreadsheetFormulas"/>); numbers and
/// dates the export formats itself are not.
/// </param>
public sealed record ExportColumn<TRow>(string Header, Func<TRow, string?> Value, bool IsText = true);

/// <summary>Which columns the grid's export writes.</summary>
public enum ExportColumnSet
{
    /// <summary>The grid's columns, with the custom fields and categories the user added to it.</summary>
    Visible,
    /// <summary>Every profile field, every custom field and every subscription category.</summary>
    All,
}
