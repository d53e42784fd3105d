using System.Linq.Expressions;
using System.Reflection;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Segments;

/// <summary>
/// Rewrites every <c>EXISTS</c> of a per-contact predicate (<c>rows.Any(r => ...)</c>) as
/// <c>rows.Where(r => ...).Skip(none).Any()</c>, for engines whose planner would otherwise read it as a hashed list
/// (<see cref="StoreEngine.HashesProbesInOr"/>). PostgreSQL plans an EXISTS inside OR as either a probe per row or a hash
/// of every row the subquery can return, and picks by the rows it expects to check, not by the page's LIMIT: a segment
/// page that walks the sort's index and checks 322 contacts read and hashed all 148,139 lifetime values first (97 ms;
/// 9 ms as probes). A subquery with an OFFSET is never turned into a hashed list; the OFFSET is a parameter (of none) so
/// that neither EF nor the planner drops it.
/// </summary>
internal static class FencedProbes
{
    public static Expression<Func<Contact, bool>> Fence(Expression<Func<Contact, bool>> predicate) =>
        (Expression<Func<Contact, bool>>)new Fencer().Visit(predicate);

    /// <summary>Holds the OFFSET: read through a property of an object, EF sends it as a parameter.</summary>
    private sealed class Offset
    {
        public int None { get; }
    }

    private static readonly MethodInfo Where = QueryableMethod(nameof(Queryable.Where), 2, m => m.GetParameters()[1].ParameterType.GetGenericArguments()[0].GetGenericArguments().Length == 2);

    private static readonly MethodInfo Skip = QueryableMethod(nameof(Queryable.Skip), 2, m => m.GetParameters()[1].ParameterType == typeof(int));

    private static readonly MethodInfo Any = QueryableMethod(nameof(Queryable.Any), 1, _ => true);

    private static MethodInfo QueryableMethod(string name, int parameters, Func<MethodInfo, bool> which) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters && which(m));

    private sealed class Fencer : ExpressionVisitor
    {
        private readonly Expression none = Expression.Property(Expression.Constant(new Offset()), nameof(Offset.None));

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (visited.Method.DeclaringType != typeof(Queryable) || visited.Method.Name != nameof(Queryable.Any) || visited.Arguments.Count != 2)
                return visited;
            var row = visited.Method.GetGenericArguments()[0];
            var matching = Expression.Call(Where.MakeGenericMethod(row), visited.Arguments[0], visited.Arguments[1]);
            return Expression.Call(Any.MakeGenericMethod(row), Expression.Call(Skip.MakeGenericMethod(row), matching, none));
        }
    }
}
