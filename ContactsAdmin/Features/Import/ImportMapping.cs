using System.Text.Json;

namespace ContactsAdmin.Features.Import;

/// <summary>Where each column of a file goes, by the column's position.</summary>
public sealed record ImportMapping(IReadOnlyList<ColumnTarget> Columns)
{
    /// <summary>
    /// A mapping file: a JSON object from column name (the header's text, or "Column 3" for a file without a header)
    /// to its target's <see cref="ColumnTarget.Text"/>, e.g. <c>{"E-mail": "Email", "Club": "custom:club", "News": "category:news"}</c>.
    /// Columns it does not name are skipped.
    /// </summary>
    public static ImportMapping FromJson(string json, IReadOnlyList<string> columns, Profile.Fields.ProfileFieldTable fields)
    {
        Dictionary<string, string>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException e)
        {
            throw new ImportFileException($"The mapping file is not a JSON object of column names and targets: {e.Message}", e);
        }
        var byName = new Dictionary<string, string>(entries ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var name in byName.Keys.Where(name => !columns.Contains(name, StringComparer.OrdinalIgnoreCase)))
            throw new ImportFileException($"The mapping names a column '{name}' the file does not have (it has: {string.Join(", ", columns)}).");
        return new ImportMapping([.. columns.Select(column => byName.TryGetValue(column, out var text)
            ? ColumnTarget.Parse(text, fields) ?? throw new ImportFileException($"The mapping's target '{text}' for '{column}' is not a field: use a profile field's key, custom:KEY, category:KEY or skip.")
            : ColumnTarget.Skipped)]);
    }

    /// <summary>The mapping as a mapping file takes it.</summary>
    public string ToJson(IReadOnlyList<string> columns) => JsonSerializer.Serialize(
        columns.Select((name, i) => (name, i)).Where(c => c.i < Columns.Count && Columns[c.i] is not ColumnTarget.Skip)
            .ToDictionary(c => c.name, c => Columns[c.i].Text));
}
