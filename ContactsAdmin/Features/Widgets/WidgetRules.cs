using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Widgets;

/// <summary>The inputs of a widget an Admin types, named so an error can sit under its own field.</summary>
public enum WidgetInput { Name, Key, Limit, Period }

/// <summary>What a widget's name, key and display frequency may be.</summary>
public static class WidgetRules
{
    // The column sizes WidgetConfiguration declares.
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 100;

    /// <summary>More displays than this in one period is no limit at all; it guards against a typo of extra zeros.</summary>
    public const int MaxFrequencyLimit = 1000;

    public static FieldCheck<string> CheckName(string? input)
    {
        var name = input?.Trim() ?? "";
        if (name.Length == 0) return FieldCheck<string>.Invalid("Give the widget a name.");
        if (name.Length > NameMaxLength) return FieldCheck<string>.Invalid($"The name can be at most {NameMaxLength} characters.");
        if (TextRule.Check(name, "The name") is { } invisible) return FieldCheck<string>.Invalid(invisible);
        return FieldCheck<string>.Ok(name);
    }

    public static FieldCheck<string> CheckKey(string? input) => SlugRule.Check(input, KeyMaxLength, "widget");

    public static FieldCheck<int> CheckLimit(int? input) => input switch
    {
        null => FieldCheck<int>.Invalid("Say how many times the widget may be shown per period."),
        < 1 or > MaxFrequencyLimit => FieldCheck<int>.Invalid($"Between 1 and {MaxFrequencyLimit} displays per period."),
        { } limit => FieldCheck<int>.Ok(limit),
    };

    public static FieldCheck<WidgetFrequencyPeriod> CheckPeriod(WidgetFrequencyPeriod? input) =>
        input is { } period && Enum.IsDefined(period)
            ? FieldCheck<WidgetFrequencyPeriod>.Ok(period)
            : FieldCheck<WidgetFrequencyPeriod>.Invalid("Choose a period: session, day, week or lifetime.");

    public static string SuggestKey(string? name) => SlugRule.Suggest(name, KeyMaxLength);
}
