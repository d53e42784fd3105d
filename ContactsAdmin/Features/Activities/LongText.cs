namespace ContactsAdmin.Features.Activities;

/// <summary>
/// Values of the activity tab (parameters, links, server diagnostics) as first shown: at most <see cref="ShownLength"/>
/// characters, then "…". The whole value reaches the browser only when asked for (the "Show all" dialog), so an event
/// stored with a megabyte parameter costs a row, not a megabyte, on every visit.
/// </summary>
public static class LongText
{
    public const int ShownLength = 200;

    /// <summary>Parameters listed when a row is expanded; the rest are counted ("and 12 more").</summary>
    public const int ShownParameters = 100;

    public static bool IsLong(string? value) => value is { Length: > ShownLength };

    /// <summary><paramref name="value"/> cut to <see cref="ShownLength"/> characters plus "…", or as it is when short.</summary>
    public static string Shorten(string value)
    {
        if (!IsLong(value)) return value;
        var end = ShownLength;
        // Never split a surrogate pair (an emoji): half of one renders as a replacement character.
        if (char.IsHighSurrogate(value[end - 1])) end--;
        return string.Concat(value.AsSpan(0, end), "…");
    }
}
