using System.Collections.Concurrent;
using System.Linq.Expressions;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// The grid as it opens, without a filter, is its most frequent read, and at a million contacts its SQL takes well
/// under a millisecond: EF's per-call work (turning the LINQ into a cache key and finding the translated SQL) was a
/// third of the time. These are the same queries compiled once: the capped count, and the page for each sort, built
/// by <see cref="ContactQueries.Sorted"/> and <see cref="ContactPaging.ToRows"/> like every other page.
/// </summary>
internal static class UnfilteredGridQueries
{
    private static readonly Func<AppDbContext, int, CancellationToken, Task<int>> CappedCount =
        EF.CompileAsyncQuery((AppDbContext db, int cap, CancellationToken ct) => db.Contacts.Take(cap).Count());

    private static readonly ConcurrentDictionary<(ContactSort, bool), Func<AppDbContext, int, int, IAsyncEnumerable<ContactRow>>> Pages = new();

    /// <summary>How many contacts there are, counting up to <paramref name="limit"/>.</summary>
    public static Task<int> CountAsync(AppDbContext db, int limit, CancellationToken ct) => CappedCount(db, limit, ct);

    /// <summary>Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> in the sort's order.</summary>
    public static async Task<List<ContactRow>> PageAsync(AppDbContext db, ContactSort sort, bool descending, int skip, int take, CancellationToken ct)
    {
        var page = Pages.GetOrAdd((sort, descending), key => Compile(key.Item1, key.Item2));
        var rows = new List<ContactRow>(take);
        await foreach (var row in page(db, skip, take).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The page query is written once, for any IQueryable: it is built here over a stand-in source, and the stand-in
    /// is then replaced by the context's contacts, which is the shape EF compiles.
    /// </summary>
    private static Func<AppDbContext, int, int, IAsyncEnumerable<ContactRow>> Compile(ContactSort sort, bool descending)
    {
        var standIn = Array.Empty<Contact>().AsQueryable();
        var rows = ContactPaging.ToRows(ContactQueries.Sorted(standIn, sort, descending));

        var db = Expression.Parameter(typeof(AppDbContext), "db");
        var skip = Expression.Parameter(typeof(int), "skip");
        var take = Expression.Parameter(typeof(int), "take");
        Expression<Func<AppDbContext, IQueryable<Contact>>> contacts = context => context.Contacts.AsNoTracking();
        var source = Replace(contacts.Body, contacts.Parameters[0], db);

        var body = Replace(rows.Expression, standIn.Expression, source);
        body = Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(ContactRow)], body, skip);
        body = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(ContactRow)], body, take);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<AppDbContext, int, int, IQueryable<ContactRow>>>(body, db, skip, take));
    }

    private static Expression Replace(Expression tree, Expression from, Expression to) => new Substitution(from, to).Visit(tree)!;

    private sealed class Substitution(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
