namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// The outcome of checking one field: the normalized value to store, or a message saying what is wrong
/// in words a user can act on. The same checks serve the UI, the API and imports.
/// </summary>
public readonly record struct FieldCheck<T>(T Value, string? Error)
{
    public bool IsValid => Error is null;

    public static FieldCheck<T> Ok(T value) => new(value, null);
    public static FieldCheck<T> Invalid(string error) => new(default!, error);
}
