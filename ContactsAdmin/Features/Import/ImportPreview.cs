using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Import;

/// <summary>A cell of the preview: the value as it would be stored (or as the file has it, when refused) and why it was refused.</summary>
public sealed record PreviewCell(string Value, string? Error);

/// <summary>A row of the preview: its line in the file, a cell per mapped column, and a refusal of the row as a whole.</summary>
public sealed record PreviewRow(long Line, IReadOnlyList<PreviewCell> Cells, string? RowError)
{
    public bool HasErrors => RowError is not null || Cells.Any(c => c.Error is not null);
}

/// <summary>The first rows of a file as the import would store them, by the mapped columns.</summary>
public sealed record ImportPreview(IReadOnlyList<int> Columns, IReadOnlyList<PreviewRow> Rows)
{
    /// <summary>
    /// Reads the sniffed rows with the import's own row reader, so the preview refuses what the import refuses. Line
    /// numbers count the header as line 1, as the bad-row report does (a cell with a line break in it shifts them there).
    /// Throws <see cref="ImportFileException"/> when the mapping cannot be used (no identifier, a missing field).
    /// </summary>
    public static ImportPreview Of(CsvSniff sniff, ImportMapping mapping, IngestLookups lookups, FieldRuleContext rules, EmptyCells emptyCells)
    {
        var reader = new ImportRowReader(mapping, sniff.Columns, lookups, rules, emptyCells);
        var columns = reader.MappedColumns.ToList();
        var dataRows = sniff.Format.HasHeader ? sniff.FirstRows.Skip(1) : sniff.FirstRows;
        var firstLine = sniff.Format.HasHeader ? 2 : 1;
        var rows = new List<PreviewRow>();
        foreach (var (cells, index) in dataRows.Take(CsvSniffer.PreviewRows).Select((cells, index) => (cells, index)))
        {
            var line = firstLine + index;
            var errors = new List<ImportRowError>();
            string Cell(int i) => i < cells.Count ? cells[i] : "";
            var set = reader.Read(line, Cell, errors);
            rows.Add(new PreviewRow(line,
                [.. columns.Select(i => CellOf(i, Cell(i), mapping.Columns[i], sniff.Columns, set, lookups, errors))],
                errors.FirstOrDefault(e => e.Column.Length == 0)?.Reason));
        }
        return new ImportPreview(columns, rows);
    }

    private static PreviewCell CellOf(int index, string text, ColumnTarget target, IReadOnlyList<string> names, ContactChangeSet? set,
        IngestLookups lookups, List<ImportRowError> errors)
    {
        var name = index < names.Count ? names[index] : $"Column {index + 1}";
        if (errors.FirstOrDefault(e => e.Column == name) is { } error) return new PreviewCell(text, error.Reason);
        if (set is null) return new PreviewCell(text, null);
        return target switch
        {
            ColumnTarget.Profile p => new PreviewCell(set.Fields.TryGetValue(p.Field, out var value) ? value ?? "" : text, null),
            ColumnTarget.Custom c when lookups.FieldByKey(c.Key) is { } field =>
                new PreviewCell(set.Fields.TryGetValue(FieldKey.Custom(field.Id), out var value) ? value ?? "" : text, null),
            ColumnTarget.Category c when lookups.CategoryByKey(c.Key) is { } category =>
                new PreviewCell(set.SubscribeTo.Contains(category.Id) ? "subscribe" : "", null),
            _ => new PreviewCell(text, null),
        };
    }
}
