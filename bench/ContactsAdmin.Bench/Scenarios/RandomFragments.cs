using ContactsAdmin.Bench.Stores;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>Where a search fragment was cut from.</summary>
public enum FragmentSource { Email, Phone, Name }

/// <summary>A piece of a stored value, as a marketer might type it into the grid's search.</summary>
public sealed record Fragment(FragmentSource Source, string Text);

/// <summary>
/// Search fragments cut at random from stored emails, phones and names: a random contact, a random length of
/// <see cref="MinLength"/> to <see cref="MaxLength"/> characters, a random start. The draw is seeded, so the same
/// database gives the same fragments in every run (before and after a change, app and raw, query and browser
/// groups). Hand-picked terms hide the fragments that are hard for a plan (three digits of a phone, a piece of a
/// mail domain); a random draw meets them in their real proportions.
/// </summary>
public static class RandomFragments
{
    public const int MinLength = 3;
    public const int MaxLength = 7;

    /// <summary>The seed of every draw: changing it changes what the benchmark's history compares.</summary>
    public const int Seed = 17;

    /// <summary><paramref name="count"/> distinct fragments, the three sources in turn.</summary>
    public static IReadOnlyList<Fragment> Draw(RawSql connection, int count)
    {
        var random = new Random(Seed);
        var (first, last) = IdRange(connection);
        var fragments = new List<Fragment>(count);
        var sources = Enum.GetValues<FragmentSource>();
        for (var attempt = 0; fragments.Count < count && attempt < count * 20; attempt++)
        {
            var source = sources[fragments.Count % sources.Length];
            var value = ValueAtOrAfter(connection, source, random.NextInt64(first, last + 1));
            if (value is null) continue;
            var length = Math.Min(random.Next(MinLength, MaxLength + 1), value.Length);
            var text = value.Substring(random.Next(0, value.Length - length + 1), length);
            // The app trims what is typed; a piece that starts or ends in a space would be searched shorter than drawn.
            if (text.Trim().Length < MinLength || fragments.Any(f => f.Text == text)) continue;
            fragments.Add(new Fragment(source, text));
        }
        return fragments;
    }

    private static (long First, long Last) IdRange(RawSql connection)
    {
        using var command = connection.Command("SELECT (SELECT min(Id) FROM Contacts), (SELECT max(Id) FROM Contacts)");
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0)) throw new InvalidOperationException("The benchmark database has no contacts to draw search fragments from.");
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The value of the first contact at or after the id that has one (names lowercased as people type them; a phone's digits).</summary>
    private static string? ValueAtOrAfter(RawSql connection, FragmentSource source, long id)
    {
        using var command = connection.Command(source switch
        {
            FragmentSource.Email => "SELECT EmailNormalized FROM Contacts WHERE Id >= @id AND EmailNormalized IS NOT NULL ORDER BY Id LIMIT 1",
            FragmentSource.Phone => "SELECT substr(Phone, 2) FROM Contacts WHERE Id >= @id AND Phone IS NOT NULL ORDER BY Id LIMIT 1",
            _ => "SELECT lower(trim(coalesce(FirstName, '') || ' ' || coalesce(LastName, ''))) FROM Contacts " +
                "WHERE Id >= @id AND (FirstName IS NOT NULL OR LastName IS NOT NULL) ORDER BY Id LIMIT 1",
        }, ("@id", id));
        return command.ExecuteScalar() as string is { Length: >= MinLength } value ? value : null;
    }
}
