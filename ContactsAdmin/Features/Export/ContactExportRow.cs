using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Export;

/// <summary>A contact as the export reads it: its own columns, its custom field values and the categories it is subscribed to.</summary>
public sealed record ContactExportRow(Contact Contact, IReadOnlyDictionary<int, CustomFieldValue> Values, IReadOnlySet<int> Subscribed);
