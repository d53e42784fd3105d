namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// The name of an event type (AddToCart, PageViewed): at most 100 characters, none of the characters
/// that break the personalization and segment syntax downstream (&lt; ; ' \ / | " ` ^ ? ! , &gt;).
/// </summary>
public static class EventTypeKeyRule
{
    public const int MaxLength = 100;
    private const string Forbidden = "<>;'\\/|\"`^?!,";

    public static FieldCheck<string> Check(string? input)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0)
            return FieldCheck<string>.Invalid("Name the event type, e.g. AddToCart.");
        if (value.Length > MaxLength)
            return FieldCheck<string>.Invalid($"The event type can be at most {MaxLength} characters.");
        if (TextRule.Check(value, "The event type") is { } invisible)
            return FieldCheck<string>.Invalid(invisible);
        var bad = value.FirstOrDefault(c => Forbidden.Contains(c));
        if (bad != default)
            return FieldCheck<string>.Invalid($"The event type cannot contain '{bad}'. Leave out < > ; ' \\ / | \" ` ^ ? ! and commas.");
        return FieldCheck<string>.Ok(value);
    }
}
