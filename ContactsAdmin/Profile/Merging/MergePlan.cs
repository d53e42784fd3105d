using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Profile.Merging;

/// <summary>One field where the two contacts differ, as the preview shows it and the merge decides it.</summary>
public sealed record MergeFieldRow(FieldKey Key, string Label, string? SurvivorText, string? MergedAwayText, MergeSide Default, bool IsIdentifier)
{
    /// <summary>Both contacts hold one of this identifier and a contact holds one of each: one of them is dropped.</summary>
    public bool DropsOne => IsIdentifier && SurvivorText is not null && MergedAwayText is not null;
}

/// <summary>
/// The fields where two contacts differ and the side each takes by default, a pure function of both contacts: the
/// empty side never wins, an identifier both hold stays the survivor's (a contact holds one email, one phone, one
/// External ID), and any other field both fill takes the value of the contact edited last.
/// </summary>
public static class MergePlan
{
    public static IReadOnlyList<MergeFieldRow> Differences(Contact survivor, Contact mergedAway, ProfileFieldTable table,
        IReadOnlyCollection<CustomFieldDefinition> definitions, MergePreference preference = MergePreference.Newer)
    {
        var rows = new List<MergeFieldRow>();
        var newer = preference == MergePreference.Newer && mergedAway.LastEditAt > survivor.LastEditAt ? MergeSide.MergedAway : MergeSide.Survivor;
        foreach (var field in table.Fields)
        {
            var identifier = ProfileFields.Identifiers.Contains(field);
            Add(rows, field, field.Label, field.Read(survivor), field.Read(mergedAway), identifier, identifier ? MergeSide.Survivor : newer);
        }
        var survivorValues = survivor.CustomFieldValues.ToDictionary(v => v.FieldId);
        var mergedAwayValues = mergedAway.CustomFieldValues.ToDictionary(v => v.FieldId);
        foreach (var definition in definitions.OrderBy(d => d.SortOrder).ThenBy(d => d.Id))
        {
            Add(rows, FieldKey.Custom(definition.Id), definition.Label,
                CustomFieldText.Readable(definition, CustomFieldText.Of(definition, survivorValues.GetValueOrDefault(definition.Id))),
                CustomFieldText.Readable(definition, CustomFieldText.Of(definition, mergedAwayValues.GetValueOrDefault(definition.Id))),
                identifier: false, newer);
        }
        return rows;
    }

    /// <summary>The side a field takes: the person's choice, else the default.</summary>
    public static MergeSide Side(MergeFieldRow row, MergeChoices choices) => choices.Fields.TryGetValue(row.Key, out var side) ? side : row.Default;

    private static void Add(List<MergeFieldRow> rows, FieldKey key, string label, string? survivor, string? mergedAway, bool identifier, MergeSide whenBoth)
    {
        (survivor, mergedAway) = (FieldText.Normal(survivor), FieldText.Normal(mergedAway));
        if (survivor == mergedAway) return;
        var side = mergedAway is null ? MergeSide.Survivor : survivor is null ? MergeSide.MergedAway : whenBoth;
        rows.Add(new MergeFieldRow(key, label, survivor, mergedAway, side, identifier));
    }
}
