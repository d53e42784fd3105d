namespace ContactsAdmin.Data;

/// <summary>
/// A claim of an identifier in a look-up table found it held by another contact (a writer that checked before another
/// committed): the look-up tables' twin of a unique index's refusal, named by the Contacts column the identifier
/// copies (ExternalId, EmailNormalized, Phone) so <see cref="StoreUniqueViolation"/> reports it the same way.
/// </summary>
public sealed class StoreIdentifierTakenException(string column)
    : Exception($"Another contact holds this {column}.")
{
    public string Column { get; } = column;
}
