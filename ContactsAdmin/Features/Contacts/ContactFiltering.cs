using System.Linq.Expressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// How a filter on another table (category, custom field) is written. All give the same contacts (a contact
/// has at most one subscription row per category and one value per field); they differ in what SQLite reads.
/// <see cref="Join"/> walks the value's covering index and stops as soon as a capped count is reached: for
/// counting. <see cref="Membership"/> (<c>Id IN (SELECT ContactId ...)</c>) collects the matches, then sorts
/// them: for a page when few match. <see cref="Probe"/> (<c>EXISTS (...)</c> per contact) follows the sort's
/// index and checks each contact: for a page when many match, as the first 25 come early.
/// Search takes the same three forms over its full-text index (Probe checks each contact's own text), and a
/// fourth, <see cref="ProbeMatches"/>, for a search on its own whose matches are too many to sort but too few for
/// the text check of each row to meet 25 soon (see <see cref="SearchPlan"/>); the engine's search index writes it
/// (<see cref="ContactSearchIndex.CountedMatches"/>). On SQLite it too follows the sort's index, but looks each
/// contact's id up in the matches, read once from the full-text index, so no contact row is read until the page's
/// own; on PostgreSQL, whose indexes do not carry the id, it reads the matches and sorts them. A category or custom
/// field filter reads it as <see cref="Probe"/>.
/// </summary>
public enum SubqueryForm { Join, Membership, Probe, ProbeMatches }

/// <summary>Contacts whose Id is in [From, To): a slice of the store, for counting a sample of it.</summary>
public readonly record struct ContactIdRange(long From, long To);

/// <summary>Turns a <see cref="ContactFilter"/> into SQL predicates on the contacts table.</summary>
internal static class ContactFiltering
{
    /// <summary>
    /// Looks up what the filter refers to (its custom field) once; the result applies it in either form. A field
    /// condition that cannot apply is dropped here, with the reason, so the prepared filter is what runs.
    /// </summary>
    /// <param name="clock">Where a rule's "the last N days" are counted back from (the system clock unless a test sets one).</param>
    public static async Task<PreparedContactFilter> PrepareAsync(AppDbContext db, ContactFilter filter, CancellationToken ct, TimeProvider? clock = null)
    {
        var rule = filter.Rule is { IsEmpty: false } segmentRule
            ? await SegmentPredicates.PrepareAsync(db, segmentRule, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime, ct)
            : null;
        var (prepared, problem) = await PrepareFieldAsync(db, filter, ct);
        return prepared with { Rule = rule, Problem = string.Join(" ", new[] { problem }.Concat(rule?.Problems ?? []).OfType<string>()) is { Length: > 0 } all ? all : null };
    }

    private static async Task<(PreparedContactFilter, string?)> PrepareFieldAsync(AppDbContext db, ContactFilter filter, CancellationToken ct)
    {
        if (filter.Field is null) return (new PreparedContactFilter(db, filter, null, null), null);
        var field = await db.CustomFieldDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Id == filter.Field.FieldId, ct);
        if (field is null)
            return (new PreparedContactFilter(db, filter with { Field = null }, null, null), "The custom field of the filter no longer exists; the condition was ignored.");
        if (field.ArchivedAt is not null)
            return (new PreparedContactFilter(db, filter with { Field = null }, null, null), $"{field.Label} is archived; the condition was ignored.");
        return ConditionProblem(field, filter.Field) is { } problem
            ? (new PreparedContactFilter(db, filter with { Field = null }, null, null), problem)
            : (new PreparedContactFilter(db, filter, field, null), null);
    }

    /// <summary>Why a condition cannot apply to its field (an operator of another type, a value that does not parse), or null.</summary>
    private static string? ConditionProblem(CustomFieldDefinition field, CustomFieldCondition condition)
    {
        if (condition.Operator == FieldOperator.IsEmpty) return null;
        if (!ContactFilter.OperatorsFor(field.Type).Contains(condition.Operator))
            return $"'{condition.Operator}' does not apply to {field.Label}; the condition was ignored.";
        var check = CustomFieldRules.Value(field, condition.Value);
        return check.IsValid && check.Value is not null ? null : $"{check.Error ?? $"Enter a value for {field.Label}."} The condition was ignored.";
    }

    /// <param name="within">
    /// Only contacts in this slice. Every list the filter reads (search index, subscriptions, field values) gets
    /// the same bounds on its contact id, so each reads just its entries in the slice rather than relying on
    /// SQLite to carry the bound across the join.
    /// </param>
    public static (IQueryable<Contact> Contacts, string? Problem) Apply(
        AppDbContext db, IQueryable<Contact> contacts, ContactFilter filter, CustomFieldDefinition? field, SubqueryForm form,
        ContactIdRange? within = null, PreparedSegmentRule? rule = null)
    {
        var (sliced, from, to) = (within is not null, within?.From ?? 0, within?.To ?? 0);
        if (sliced) contacts = contacts.Where(c => c.Id >= from && c.Id < to);
        // With a segment rule, LIMIT (a no-op: the slice holds at most that many ids) keeps SQLite from merging the slice
        // into the outer query, where, without statistics, it takes an equality on any contact index (EmailStatus: some
        // ten rows by its guess, 683,000 at a million contacts) over the rowid range, and probes each Active contact's
        // activities for every slice. (The grid's own filters bound each list they join instead; see CountSamplingTests.)
        // A rule that starts from a list of who did something (its Driver) joins that list instead, which SQLite reads
        // first, looking each contact up by id; behind a LIMIT it would read the slice again for each of them.
        if (sliced && rule is { Driver: null }) contacts = contacts.Take((int)(to - from));
        if (filter.Ids is { } ids) contacts = contacts.Where(c => ids.Contains(c.Id));
        contacts = Search(db, contacts, filter.Search, form, within);
        if (filter.EmailStatus is { } status) contacts = contacts.Where(c => c.EmailStatus == status);
        if (filter.Source is { } source) contacts = contacts.Where(c => c.Source == source);
        if (filter.CategoryId is { } category)
        {
            var subscribed = db.ContactSubscriptions.Where(s => s.CategoryId == category && s.IsSubscribed);
            if (sliced) subscribed = subscribed.Where(s => s.ContactId >= from && s.ContactId < to);
            contacts = form switch
            {
                SubqueryForm.Join => contacts.Join(subscribed, c => c.Id, s => s.ContactId, (c, _) => c),
                SubqueryForm.Membership => contacts.Where(c => subscribed.Select(s => s.ContactId).Contains(c.Id)),
                _ => contacts.Where(c => subscribed.Any(s => s.ContactId == c.Id)),
            };
        }
        if (filter.CreatedFrom is { } createdFrom) contacts = contacts.Where(c => c.CreatedAt >= createdFrom);
        if (filter.CreatedTo is { } createdTo) contacts = contacts.Where(c => c.CreatedAt < createdTo);
        if (filter.EditedFrom is { } editedFrom) contacts = contacts.Where(c => c.LastEditAt >= editedFrom);
        if (filter.EditedTo is { } editedTo) contacts = contacts.Where(c => c.LastEditAt < editedTo);
        // Last: SQLite checks a row's conditions in the order written, and the rule's probes cost more than a column.
        // A slice reads the rule's lists within its bounds; a page walking the sort's index checks contact by contact;
        // a count or a sorted page reads every member.
        if (rule is not null)
        {
            contacts = sliced ? rule.ApplyInSlice(contacts, from, to)
                : form is SubqueryForm.Probe or SubqueryForm.ProbeMatches ? rule.Apply(contacts) : rule.ApplyToAll(contacts);
        }

        if (filter.Field is null || field is null) return (contacts, null);
        return WhereField(db, contacts, field, filter.Field, form, within);
    }

    /// <summary>
    /// Substring search over name, email, phone and External ID. Terms of three or more characters use the engine's
    /// search index (<see cref="ContactSearchIndex"/>: SQLite's FTS5 trigram table, PostgreSQL's pg_trgm; see
    /// <see cref="SearchIndexTerms"/>); shorter ones scan with <see cref="SearchByScan"/>, which gives the same answer. Digits also match the phone, ignoring
    /// spaces, dashes and a national trunk 0 ("050 123" finds +38050123...).
    /// </summary>
    /// <remarks>
    /// A term that matches many contacts ("gmail" matches a third of them) is where the forms differ most: the
    /// index lists every match before any can be sorted, about 0.4 s at a million contacts, while the sort's own
    /// index, checked row by row, meets 25 matches within a few hundred rows. So a capped count joins the index
    /// (it stops at the cap), a page of few matches reads them from it, and a page of many probes each row. A search
    /// on its own picks among four forms by how many it matches (<see cref="SearchPlan"/>).
    /// </remarks>
    internal static IQueryable<Contact> Search(
        AppDbContext db, IQueryable<Contact> contacts, string? search, SubqueryForm form = SubqueryForm.Membership, ContactIdRange? within = null)
    {
        if (string.IsNullOrWhiteSpace(search)) return contacts;
        if (SearchIndexTerms(search) is not { } terms || form == SubqueryForm.Probe) return SearchByScan(contacts, search);

        var index = StoreEngine.Of(db).SearchIndex;
        (long, long)? bounds = within is { From: var from, To: var to } ? (from, to) : null;
        if (form == SubqueryForm.ProbeMatches) return index.CountedMatches(db, contacts, terms, bounds);
        var ids = index.Ids(db, terms, bounds);
        return form == SubqueryForm.Join
            ? contacts.Join(ids, c => c.Id, id => id, (c, _) => c)
            : contacts.Where(c => ids.Contains(c.Id));
    }

    /// <summary>
    /// What the search index is asked for a search that finds the same contacts as <see cref="SearchByScan"/>, or null
    /// when the term is too short for a trigram index (under three characters, or one or two phone digits).
    /// </summary>
    internal static SearchTerms? SearchIndexTerms(string? search)
    {
        var term = search?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(term) || term.Length < 3) return null;
        return PhoneDigits(term) switch
        {
            { Length: > 0 and < 3 } => null,
            { Length: >= 3 } digits => new SearchTerms(term, digits),
            _ => new SearchTerms(term, null),
        };
    }

    /// <summary>How many contacts a search matches, counted in its index alone up to <paramref name="limit"/> (all when null).</summary>
    internal static Task<int> CountMatchesAsync(AppDbContext db, SearchTerms terms, int? limit, CancellationToken ct) =>
        StoreEngine.Of(db).SearchIndex.CountAsync(db, terms, limit, ct);

    /// <summary>The same search as a scan of the contacts table: the reference the index must agree with.</summary>
    internal static IQueryable<Contact> SearchByScan(IQueryable<Contact> contacts, string? search)
    {
        var term = search?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(term)) return contacts;
        var phoneDigits = PhoneDigits(term);

        // lower() is Unicode-aware here (see SqliteConnectionPragmas), so "олена" finds "Олена". The phone is checked
        // first: SQLite stops at the first true condition, and one or two digits are in most phones, so most rows
        // are settled without the two lower() calls into .NET.
#pragma warning disable CA1304, CA1311, CA1862 // SQL, not .NET: ToLower() becomes SQLite's lower(), which has no culture.
        return contacts.Where(c =>
            (phoneDigits != null && phoneDigits.Length > 0 && c.Phone != null && c.Phone.Contains(phoneDigits)) ||
            (c.EmailNormalized != null && c.EmailNormalized.Contains(term)) ||
            ((c.FirstName ?? "") + " " + (c.LastName ?? "")).ToLower().Contains(term) ||
            (c.ExternalId != null && c.ExternalId.ToLower().Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
    }

    /// <summary>The digits of a term that looks like (part of) a phone number, without a trunk 0; else null.</summary>
    private static string? PhoneDigits(string term)
    {
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 3 && term.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch))
            ? digits.TrimStart('0')
            : null;
    }

    private static (IQueryable<Contact>, string?) WhereField(
        AppDbContext db, IQueryable<Contact> contacts, CustomFieldDefinition field, CustomFieldCondition condition, SubqueryForm form,
        ContactIdRange? within)
    {
        var id = field.Id;
        var values = db.CustomFieldValues.Where(v => v.FieldId == id);
        if (within is { From: var from, To: var to }) values = values.Where(v => v.ContactId >= from && v.ContactId < to);
        if (condition.Operator == FieldOperator.IsEmpty)
        {
            // Most contacts lack most fields: "has no value" reads best as a probe per contact either way.
            return (contacts.Where(c => !values.Any(v => v.ContactId == c.Id &&
                (v.TextValue != null || v.NumberValue != null || v.DateValue != null || v.BoolValue != null))), null);
        }
        if (ConditionProblem(field, condition) is { } problem) return (contacts, problem);
        var typed = CustomFieldRules.Value(field, condition.Value).Value!;
        var text = typed.Text?.ToLowerInvariant();   // as the store's lower() folds the column

#pragma warning disable CA1304, CA1311, CA1862 // SQL, not .NET: ToLower() becomes SQLite's lower(), which has no culture.
        var matching = (field.Type, condition.Operator) switch
        {
            // lower() hides the column from SQLite: the explicit IS NOT NULL lets it use the (partial) text index.
            (CustomFieldType.Text, FieldOperator.Equals) => values.Where(v => v.TextValue != null && v.TextValue.ToLower() == text),
            (CustomFieldType.Text, FieldOperator.Contains) => values.Where(v => v.TextValue != null && v.TextValue.ToLower().Contains(text!)),
            (CustomFieldType.Choice, _) => values.Where(v => v.TextValue == typed.Text),
            (CustomFieldType.MultiChoice, _) => values.Where(MultiChoiceValue.HasAnyOf(MultiChoiceValue.Decode(typed.Text))),
            (CustomFieldType.Number, FieldOperator.Equals) => values.Where(v => v.NumberValue == typed.Number),
            (CustomFieldType.Number, FieldOperator.Greater) => values.Where(v => v.NumberValue > typed.Number),
            (CustomFieldType.Number, FieldOperator.Less) => values.Where(v => v.NumberValue < typed.Number),
            (CustomFieldType.Date, FieldOperator.Equals) => values.Where(v => v.DateValue == typed.Date),
            (CustomFieldType.Date, FieldOperator.Greater) => values.Where(v => v.DateValue > typed.Date),
            (CustomFieldType.Date, FieldOperator.Less) => values.Where(v => v.DateValue < typed.Date),
            _ => values.Where(v => v.BoolValue == typed.Boolean),
        };
#pragma warning restore CA1304, CA1311, CA1862
        return form switch
        {
            SubqueryForm.Join => (contacts.Join(matching, c => c.Id, v => v.ContactId, (c, _) => c), null),
            SubqueryForm.Membership => (contacts.Where(c => matching.Select(v => v.ContactId).Contains(c.Id)), null),
            _ => (contacts.Where(c => matching.Any(v => v.ContactId == c.Id)), null),
        };
    }

}

/// <summary>A filter whose custom field has been looked up: applies to any query of contacts, in either form.</summary>
/// <param name="Rule">The filter's segment rule, looked up (null when it has none).</param>
internal sealed record PreparedContactFilter(AppDbContext Db, ContactFilter Filter, CustomFieldDefinition? Field, string? Problem, PreparedSegmentRule? Rule = null)
{
    public (IQueryable<Contact> Contacts, string? Problem) Apply(IQueryable<Contact> contacts, SubqueryForm form, ContactIdRange? within = null)
    {
        var (filtered, problem) = ContactFiltering.Apply(Db, contacts, Filter, Field, form, within, Rule);
        return (filtered, Problem ?? problem);
    }
}
