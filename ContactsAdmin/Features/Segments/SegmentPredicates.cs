using System.Linq.Expressions;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Segments;

/// <summary>
/// Turns a <see cref="SegmentRule"/> into one SQL predicate on the contacts table. Conditions on other tables
/// (subscriptions, field values, activities) are EXISTS probes on the contact's id, which every one of those tables
/// leads an index with: a page that walks the sort's index checks each contact in a few index seeks, and a count in a
/// slice of ids (CountSampling) reads only that slice.
/// </summary>
public static class SegmentPredicates
{
    /// <summary>
    /// Looks up what the rule refers to (custom fields, categories, widgets) once. A condition that cannot apply (its
    /// field was deleted, a value does not parse) matches no one, and says why in <see cref="PreparedSegmentRule.Problems"/>:
    /// an audience must never grow because part of its rule broke.
    /// </summary>
    /// <param name="now">The instant "the last N days" and ages are counted back from.</param>
    public static async Task<PreparedSegmentRule> PrepareAsync(AppDbContext db, SegmentRule rule, DateTime now, CancellationToken ct)
    {
        var categories = await db.SubscriptionCategories.AsNoTracking().Select(c => c.Id).ToListAsync(ct);
        var problems = new List<string>();
        var context = new RuleContext(db, now, categories.ToHashSet(), problems);
        return new PreparedSegmentRule(Combine(rule.Join, rule.Groups.Select(g => Combine(g.Join, g.Conditions.Select(c => Condition(context, c))))), problems);
    }

    private sealed record RuleContext(AppDbContext Db, DateTime Now, IReadOnlySet<int> Categories, List<string> Problems);

    private static Expression<Func<Contact, bool>> Condition(RuleContext context, SegmentCondition condition) => condition.Kind switch
    {
        ConditionKind.EmailStatus when Enum.TryParse<EmailStatus>(condition.Value, out var status) =>
            condition.Operator == ConditionOperator.IsNot ? c => c.EmailStatus != status : c => c.EmailStatus == status,
        ConditionKind.Source when Enum.TryParse<ContactSource>(condition.Value, out var source) =>
            condition.Operator == ConditionOperator.IsNot ? c => c.Source != source : c => c.Source == source,
        ConditionKind.Category when condition.TargetId is { } category && context.Categories.Contains(category) =>
            Subscribed(context.Db, category, condition.Operator != ConditionOperator.IsNot),
        _ => NoOne(context, condition),
    };

    private static Expression<Func<Contact, bool>> Subscribed(AppDbContext db, int category, bool subscribed)
    {
        var subscriptions = db.ContactSubscriptions.Where(s => s.CategoryId == category && s.IsSubscribed);
        return subscribed ? c => subscriptions.Any(s => s.ContactId == c.Id) : c => !subscriptions.Any(s => s.ContactId == c.Id);
    }

    private static Expression<Func<Contact, bool>> NoOne(RuleContext context, SegmentCondition condition)
    {
        context.Problems.Add($"A condition on {condition.Kind} cannot apply; it matches no one.");
        return c => false;
    }

    /// <summary>The parts joined by AND or OR; no parts: every contact.</summary>
    private static Expression<Func<Contact, bool>> Combine(RuleJoin join, IEnumerable<Expression<Func<Contact, bool>>> parts)
    {
        var contact = Expression.Parameter(typeof(Contact), "c");
        var bodies = parts.Select(p => new ParameterSwap(p.Parameters[0], contact).Visit(p.Body)).ToList();
        if (bodies.Count == 0) return c => true;
        var body = bodies.Aggregate((left, right) => join == RuleJoin.And ? Expression.AndAlso(left, right) : Expression.OrElse(left, right));
        return Expression.Lambda<Func<Contact, bool>>(body, contact);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A rule whose references have been looked up: one predicate, and why any condition matches no one.</summary>
public sealed record PreparedSegmentRule(Expression<Func<Contact, bool>> Predicate, IReadOnlyList<string> Problems)
{
    public IQueryable<Contact> Apply(IQueryable<Contact> contacts) => contacts.Where(Predicate);
}
