using PhoneNumbers;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// Phone numbers are stored in E.164 (+380501234567). National formats are accepted and read in the
/// configured default region (Contacts:DefaultPhoneRegion). Letters are refused, not mapped to keypad digits.
/// </summary>
public static class PhoneRule
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static FieldCheck<string?> Check(string? input, string defaultRegion)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (TextRule.Check(value, "Phone") is { } invisible)
            return FieldCheck<string?>.Invalid(invisible);
        // The parser would map letters to keypad digits (1-800-FLOWERS): a number typed with letters is more likely
        // a mistake (or a field mix-up) than a vanity number, and the digits it stored would not be what was typed.
        if (value.Any(char.IsLetter))
            return FieldCheck<string?>.Invalid($"'{value}' contains letters. Type the number in digits, e.g. +380501234567.");
        try
        {
            var number = Util.Parse(value, defaultRegion.ToUpperInvariant());
            if (!Util.IsValidNumber(number))
                return FieldCheck<string?>.Invalid($"'{value}' is not a valid phone number. Use the international format, e.g. +380501234567.");
            return FieldCheck<string?>.Ok(Util.Format(number, PhoneNumberFormat.E164));
        }
        catch (NumberParseException)
        {
            return FieldCheck<string?>.Invalid($"'{value}' is not a phone number. Use the international format, e.g. +380501234567.");
        }
    }
}
