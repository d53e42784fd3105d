using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Activities;

/// <summary>Which of a contact's activities to show. Times are UTC: <see cref="From"/> included, <see cref="To"/> excluded.</summary>
public sealed record ActivityFilter
{
    public static readonly ActivityFilter None = new();

    public ActivityChannel? Channel { get; init; }
    public MessageStatus? Status { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    /// <summary>Part of the message, widget or event name, in any case.</summary>
    public string? NameContains { get; init; }
}

/// <summary>A row of the activity grid; widget displays carry where they stand against the widget's frequency.</summary>
public sealed record ActivityRow(
    long Id, DateTime OccurredAt, ActivityChannel Channel, string Name, MessageStatus? Status, string? Details, int? WidgetId, string? SessionId)
{
    public WidgetDisplayMark? FrequencyMark { get; init; }
}

/// <param name="Total">Every activity of the contact, whatever the filters.</param>
/// <param name="Filtered">The activities the filters let through.</param>
/// <param name="ByChannel">Per channel, under every filter but the channel one (so each chip says what choosing it would show).</param>
/// <param name="ByStatus">Per message status, under every filter but the status one.</param>
public sealed record ActivityCounts(
    int Total, int Filtered, IReadOnlyDictionary<ActivityChannel, int> ByChannel, IReadOnlyDictionary<MessageStatus, int> ByStatus)
{
    public static readonly ActivityCounts Zero = new(0, 0, new Dictionary<ActivityChannel, int>(), new Dictionary<MessageStatus, int>());
}

/// <summary>What sits above the grid: the counts and the chart, for one set of filters.</summary>
public sealed record ActivitySummary(ActivityCounts Counts, ActivityTimeline Timeline);

/// <summary>
/// The Contact Activity tab's reads. Everything is filtered, counted, grouped and paged in SQL on the
/// (ContactId, ...) indexes, so a contact with a hundred thousand activities loads a page and its counts
/// without reading them all.
/// </summary>
public sealed class ActivityQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly int[] PageSizes = [25, 50, 100];

    /// <summary>One page, newest first (ties by the order recorded); widget displays are marked against their frequency.</summary>
    public async Task<IReadOnlyList<ActivityRow>> PageAsync(
        long contactId, ActivityFilter filter, int page, int pageSize, TimeZoneInfo contactZone, CancellationToken ct)
    {
        pageSize = PageSizes.Contains(pageSize) ? pageSize : PageSizes[0];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        // Each widget display comes with its widget (a primary-key lookup per row), whose frequency the marks need.
        var rows = await Filtered(db, contactId, filter)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(a => new { Row = new ActivityRow(a.Id, a.OccurredAt, a.Channel, a.Name, a.Status, a.Details, a.WidgetId, a.SessionId), a.Widget })
            .ToListAsync(ct);

        var marks = await WidgetDisplayQueries.MarksAsync(db, contactId, [.. rows.Select(r => (r.Row, r.Widget))], contactZone, ct);
        return [.. rows.Select(r => marks.TryGetValue(r.Row.Id, out var mark) ? r.Row with { FrequencyMark = mark } : r.Row)];
    }

    public async Task<ActivitySummary> SummaryAsync(long contactId, ActivityFilter filter, TimeZoneInfo userZone, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the few queries below, rather than one opened (with its pragmas) per query.
        await db.Database.OpenConnectionAsync(ct);
        var counts = await CountsAsync(db, contactId, filter, ct);
        var timeline = counts.Filtered == 0 && filter.From is null ? ActivityTimeline.Empty : await TimelineAsync(db, contactId, filter, userZone, ct);
        return new ActivitySummary(counts, timeline);
    }

    /// <summary>
    /// Both kinds of chip from one statement: counts per (channel, status) under every filter but those two, summed
    /// per channel (under the status filter) and per status (under the channel filter). Every possible pair is a
    /// row of constants with its own count, a range count on the (ContactId, Channel, Status, OccurredAt) index:
    /// a third of the work of grouping the contact's activities by channel and status (which compares the group
    /// key on every row), and with a date range it seeks straight to the range instead of reading every activity.
    /// </summary>
    private static async Task<ActivityCounts> CountsAsync(AppDbContext db, long contactId, ActivityFilter filter, CancellationToken ct)
    {
        var matching = Filtered(db, contactId, filter with { Channel = null, Status = null });
        // Pairs with a status and pairs without (app and website events) apart: comparing a nullable column to a
        // nullable one would need an OR, which no index serves.
        var counted = await Constants<MessageCell>(db, "pairs", MessageCells.Select((c, i) => new object?[] { i, c.Channel.ToString(), c.Status.ToString() }), "Index", "Channel", "Status")
            .Select(cell => new { cell.Index, Count = matching.Count(a => a.Channel == cell.Channel && a.Status == cell.Status) })
            .Concat(Constants<EventCell>(db, "channels", Channels.Select((c, i) => new object?[] { MessageCells.Length + i, c.ToString() }), "Index", "Channel")
                .Select(cell => new { cell.Index, Count = matching.Count(a => a.Channel == cell.Channel && a.Status == null) }))
            .ToListAsync(ct);
        var cells = counted.Where(c => c.Count > 0).Select(c => (Cell: Cells[c.Index], c.Count)).ToList();

        var byChannel = cells.Where(c => filter.Status is null || c.Cell.Status == filter.Status)
            .GroupBy(c => c.Cell.Channel).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var byStatus = cells.Where(c => c.Cell.Status is not null && (filter.Channel is null || c.Cell.Channel == filter.Channel))
            .GroupBy(c => c.Cell.Status!.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var filtered = cells.Where(c => (filter.Channel is null || c.Cell.Channel == filter.Channel) && (filter.Status is null || c.Cell.Status == filter.Status))
            .Sum(c => c.Count);
        // Without date and name filters the cells hold every activity of the contact already.
        var total = filter with { Channel = null, Status = null } == ActivityFilter.None
            ? cells.Sum(c => c.Count)
            : await db.Activities.CountAsync(a => a.ContactId == contactId, ct);
        return new ActivityCounts(total, filtered, byChannel, byStatus);
    }

    private static readonly ActivityChannel[] Channels = Enum.GetValues<ActivityChannel>();

    private static readonly (ActivityChannel Channel, MessageStatus Status)[] MessageCells =
        [.. Channels.SelectMany(channel => Enum.GetValues<MessageStatus>().Select(status => (channel, status)))];

    /// <summary>Every (channel, status) pair, in the order of the rows counted: pairs with a status, then each channel without one.</summary>
    private static readonly (ActivityChannel Channel, MessageStatus? Status)[] Cells =
        [.. MessageCells.Select(c => (c.Channel, (MessageStatus?)c.Status)), .. Channels.Select(channel => (channel, (MessageStatus?)null))];

    private sealed record MessageCell(int Index, ActivityChannel Channel, MessageStatus Status);

    private sealed record EventCell(int Index, ActivityChannel Channel);

    /// <summary>
    /// The chart, from the range's start (or the first matching activity) to the range's end (or today). Each bar
    /// is a range count on the (ContactId, [Channel | Status,] OccurredAt) index between the bar's bounds, which
    /// are the user's midnights (so it is exact in any time zone, DST included). All the bars are counted by one
    /// statement: the bounds are rows of constants and each row's count a correlated subquery, under the same
    /// filter as the grid. Far cheaper than grouping by a date expression, which would compute and sort a key
    /// for every activity, and than a query per bar (a two-year history has a hundred weekly bars).
    /// </summary>
    private async Task<ActivityTimeline> TimelineAsync(AppDbContext db, long contactId, ActivityFilter filter, TimeZoneInfo zone, CancellationToken ct)
    {
        var firstAt = filter.From ?? await Filtered(db, contactId, filter).OrderBy(a => a.OccurredAt).Select(a => (DateTime?)a.OccurredAt).FirstOrDefaultAsync(ct);
        if (firstAt is not { } start) return ActivityTimeline.Empty;
        var first = LocalDays.DayOf(start, zone);
        var last = filter.To is { } to ? LocalDays.DayOf(to, zone).AddDays(-1) : LocalDays.DayOf(clock.GetUtcNow().UtcDateTime, zone);
        var bars = ActivityTimeline.Bars(first, last);

        // Each bar's own bounds within the filter's.
        var bounds = bars.Buckets.Select((bar, i) => new object?[]
        {
            i,
            Later(LocalDays.StartUtc(bar.Start, zone), filter.From),
            Earlier(LocalDays.StartUtc(bar.End, zone), filter.To),
        });
        // The bars' bounds lie within the filter's, and must be the only bounds on OccurredAt: given the filter's too,
        // SQLite seeks by those and reads the whole range for every bar (100 times slower over a month).
        var matching = Filtered(db, contactId, filter with { From = null, To = null });
        var rows = await Constants<TimelineBar>(db, "bars", bounds, "Index", "From", "Until")
            .Select(bar => new { bar.Index, Count = matching.Count(a => a.OccurredAt >= bar.From && a.OccurredAt < bar.Until) })
            .ToListAsync(ct);
        var counts = rows.ToDictionary(r => r.Index, r => r.Count);
        return bars with { Buckets = [.. bars.Buckets.Select((bar, i) => bar with { Count = counts[i] })] };
    }

    /// <summary>One bar of the chart: its place and its UTC bounds (<see cref="From"/> included, <see cref="Until"/> excluded).</summary>
    private sealed record TimelineBar(int Index, DateTime From, DateTime Until);

    /// <summary>Rows of constants to count against (<see cref="StoreEngine.ConstantRows"/>); each list in a query needs its own <paramref name="name"/>.</summary>
    private static IQueryable<T> Constants<T>(AppDbContext db, string name, IEnumerable<object?[]> rows, params string[] columns) =>
        StoreEngine.Of(db).ConstantRows<T>(db, name, columns, rows);

    private static DateTime Later(DateTime a, DateTime? b) => b is { } other && other > a ? other : a;

    private static DateTime Earlier(DateTime a, DateTime? b) => b is { } other && other < a ? other : a;

    private static IQueryable<Activity> Filtered(AppDbContext db, long contactId, ActivityFilter filter)
    {
        var activities = db.Activities.AsNoTracking().Where(a => a.ContactId == contactId);
        if (filter.Channel is { } channel) activities = activities.Where(a => a.Channel == channel);
        if (filter.Status is { } status) activities = activities.Where(a => a.Status == status);
        if (filter.From is { } from) activities = activities.Where(a => a.OccurredAt >= from);
        if (filter.To is { } to) activities = activities.Where(a => a.OccurredAt < to);
        var term = filter.NameContains?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(term)) return activities;
        // SQLite's own LIKE ignores case in ASCII and runs natively; other alphabets (and PostgreSQL, whose LIKE minds case)
        // need lower(), which is Unicode-aware (on SQLite see SqliteConnectionPragmas), so "розпродаж" finds "Розпродаж".
#pragma warning disable CA1304, CA1311, CA1862 // SQL, not .NET: ToLower() becomes the store's lower(), which has no culture.
        if (!term.All(char.IsAscii) || !StoreEngine.Of(db).LikeIgnoresAsciiCase) return activities.Where(a => a.Name.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        var pattern = "%" + EscapeLike(term) + "%";
        return activities.Where(a => EF.Functions.Like(a.Name, pattern, "\\"));
    }

    private static string EscapeLike(string term) => term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
