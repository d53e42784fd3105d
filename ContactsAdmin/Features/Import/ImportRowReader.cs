using ContactsAdmin.Data;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Turns a row's cells into the change set the API and the card write, checked by the same field rules (phones
/// normalized by <see cref="PhoneRule"/>, custom fields by <see cref="CustomFieldRules"/>); every bad cell is an error
/// naming its line, column, value and reason, and a row with any gives no change set. The mapping's custom fields and
/// categories are looked up once, here.
/// </summary>
public sealed class ImportRowReader
{
    private static readonly string[] Yes = ["yes", "y", "true", "1", "x", "ja", "так", "да", "subscribed"];
    private static readonly string[] No = ["no", "n", "false", "0", "nein", "ні", "нет", "unsubscribed"];
    private static readonly char[] OptionSeparators = ['|', ',', ';', '\n'];

    private readonly List<Column> columns = [];
    private readonly FieldRuleContext rules;
    private readonly EmptyCells emptyCells;

    private abstract record Target;
    private sealed record ProfileTarget(ProfileField Field) : Target;
    private sealed record CustomTarget(CustomFieldDefinition Definition) : Target;
    private sealed record CategoryTarget(SubscriptionCategory Category) : Target;
    private sealed record Column(int Index, string Name, Target Target);

    /// <summary>The columns the mapping reads, by position in the row.</summary>
    public IEnumerable<int> MappedColumns => columns.Select(c => c.Index);

    public ImportRowReader(ImportMapping mapping, IReadOnlyList<string> columnNames, IngestLookups lookups, FieldRuleContext rules, EmptyCells emptyCells)
    {
        (this.rules, this.emptyCells) = (rules, emptyCells);
        for (var i = 0; i < mapping.Columns.Count; i++)
        {
            var name = i < columnNames.Count ? columnNames[i] : $"Column {i + 1}";
            Target? target = mapping.Columns[i] switch
            {
                ColumnTarget.Profile p => new ProfileTarget(p.Field),
                ColumnTarget.Custom c => lookups.FieldByKey(c.Key) is { ArchivedAt: null } definition ? new CustomTarget(definition)
                    : throw new ImportFileException($"Column '{name}' maps to a custom field '{c.Key}' that does not exist or is archived."),
                ColumnTarget.Category c => lookups.CategoryByKey(c.Key) is { ArchivedAt: null } category ? new CategoryTarget(category)
                    : throw new ImportFileException($"Column '{name}' maps to a subscription category '{c.Key}' that does not exist or is archived."),
                _ => null,
            };
            if (target is not null) columns.Add(new Column(i, name, target));
        }
        if (!columns.Any(c => c.Target is ProfileTarget { Field: var f } && ProfileFields.Identifiers.Contains(f)))
            throw new ImportFileException("Map a column to External ID, Email or Phone: the import finds and names contacts by them.");
    }

    /// <summary>
    /// The change set of a row, or null with its errors added to <paramref name="errors"/>. <paramref name="cell"/> gives
    /// a column's text by position (empty when the row is short).
    /// </summary>
    public ContactChangeSet? Read(long line, Func<int, string> cell, List<ImportRowError> errors)
    {
        var errorsBefore = errors.Count;
        var fields = new Dictionary<FieldKey, string?>(columns.Count);
        List<int>? subscribeTo = null;
        foreach (var column in columns)
        {
            var text = cell(column.Index);
            var empty = string.IsNullOrWhiteSpace(text);
            switch (column.Target)
            {
                case ProfileTarget { Field: var field }:
                    if (empty && emptyCells == EmptyCells.Keep) break;
                    var check = field.Check(text, rules);
                    if (check.IsValid) fields[field] = check.Value;
                    else errors.Add(new ImportRowError(line, column.Name, text, check.Error!));
                    break;
                case CustomTarget { Definition: var definition }:
                    if (empty && emptyCells == EmptyCells.Keep) break;
                    var input = definition.Type == CustomFieldType.MultiChoice
                        ? MultiChoiceValue.Text(text.Split(OptionSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        : text;
                    var value = CustomFieldRules.Value(definition, input);
                    if (!value.IsValid) errors.Add(new ImportRowError(line, column.Name, text, value.Error!));
                    else fields[FieldKey.Custom(definition.Id)] = value.Value is null ? null : CustomFieldText.Of(definition, value.Value);
                    break;
                case CategoryTarget { Category: var category }:
                    var answer = text.Trim();
                    if (empty || No.Contains(answer, StringComparer.OrdinalIgnoreCase)) break;   // an import subscribes; it never unsubscribes
                    if (Yes.Contains(answer, StringComparer.OrdinalIgnoreCase)) (subscribeTo ??= []).Add(category.Id);
                    else errors.Add(new ImportRowError(line, column.Name, text, $"Say yes or no (or leave it empty) for the subscription to {category.Name}."));
                    break;
            }
        }
        if (errors.Count > errorsBefore) return null;

        var identifiers = new ContactIdentifiers(
            fields.GetValueOrDefault(ProfileFields.ExternalId), fields.GetValueOrDefault(ProfileFields.Email), fields.GetValueOrDefault(ProfileFields.Phone));
        if (identifiers.IsEmpty)
        {
            errors.Add(new ImportRowError(line, "", "", "The row names no contact: it needs an External ID, an email or a phone."));
            return null;
        }
        return new ContactChangeSet(identifiers, fields, [], subscribeTo ?? []);
    }
}
