using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// Substring search as a marketer types it: part of an email, of a phone number, of a name. The baseline is
/// the same search-index query by hand (SQLite's FTS5 trigram table, PostgreSQL's pg_trgm columns); a plain LIKE scan
/// of the table is shown for reference. Then
/// fragments drawn at random (<see cref="SearchFragmentsBench"/>).
/// </summary>
public static class SearchBench
{
    private const string Group = "search";

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRaw();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var queries = context.Create<ContactQueries>();
        var (email, phone, name) = await TermsAsync(connection);
        var newestFirst = connection.Order("CreatedAt", descending: true);

        foreach (var (kind, term) in new[]
        {
            ("email", email), ("phone", phone), ("name", name),
            // A term a large share of contacts match: the worst case for "find, then sort the matches".
            ("common (a mail domain)", "gmail"),
        })
        {
            var query = new ContactListQuery { Filter = ContactFilter.None with { Search = term } };
            var (where, parameters) = SearchFragmentsBench.RawSearch(connection.Dialect, term);
            await GridBench.MeasurePageAsync(context, raw, $"search {kind} fragment \"{term}\"", "< 30 ms",
                () => queries.ListAsync(query, default),
                () => raw.PageAndCountAsync(where, newestFirst, 0, parameters), group: Group);
        }

        // What the index saves: the same email search as a LIKE scan over every contact (raw SQL, no app).
        await using var like = raw.Command(
            "SELECT count(*) FROM Contacts WHERE EmailNormalized LIKE @pattern OR (FirstName || ' ' || LastName) LIKE @pattern", ("@pattern", $"%{email}%"));
        var scan = await Timer.TimeAsync(async () => await like.ExecuteScalarAsync(), Math.Min(context.Options.Runs, 7), warmups: 1);
        context.Add(new BenchResult(Group, $"reference: LIKE scan for \"{email}\" (raw SQL only)", Unit.Milliseconds, scan, null, "> 100 ms at 1M",
            "what substring search costs without the index"));

        await SearchFragmentsBench.RunAsync(context);
    }

    /// <summary>Fragments of a real contact's email, phone and last name, so each search finds something.</summary>
    private static async Task<(string Email, string Phone, string Name)> TermsAsync(RawSql connection)
    {
        // '____%@%': four characters or more before the @.
        await using var command = connection.Command("""
            SELECT EmailNormalized, Phone, LastName FROM Contacts
            WHERE Id >= (SELECT MAX(Id) / 2 FROM Contacts)
              AND EmailNormalized IS NOT NULL AND Phone IS NOT NULL AND length(LastName) >= 5 AND EmailNormalized LIKE '____%@%'
            ORDER BY Id LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("No contact with an email, a phone and a last name to search for.");
        var email = reader.GetString(0);
        var phone = reader.GetString(1).TrimStart('+');
        var name = reader.GetString(2);
        return (email[..email.IndexOf('@')][..Math.Min(6, email.IndexOf('@'))].ToLowerInvariant(),
            phone.Substring(Math.Max(0, phone.Length - 7), 5), name[..5].ToLowerInvariant());
    }
}
