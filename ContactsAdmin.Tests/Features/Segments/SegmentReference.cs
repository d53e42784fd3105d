using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>
/// What a rule means, written out plainly over contacts in memory (LINQ to objects), apart from the SQL the app
/// builds: the reference each condition's query must agree with. A condition that cannot apply matches no one.
/// </summary>
public static class SegmentReference
{
    public static bool Matches(LoadedContact contact, SegmentRule rule, DateTime now)
    {
        bool Group(ConditionGroup g) => g.Join == RuleJoin.And
            ? g.Conditions.All(c => Matches(contact, c, now))
            : g.Conditions.Count == 0 || g.Conditions.Any(c => Matches(contact, c, now));
        return rule.Join == RuleJoin.And ? rule.Groups.All(Group) : rule.Groups.Count == 0 || rule.Groups.Any(Group);
    }

    public static bool Matches(LoadedContact loaded, SegmentCondition condition, DateTime now)
    {
        var contact = loaded.Contact;
        var today = DateOnly.FromDateTime(now);
        var since = now.AddDays(-(condition.Days ?? 0));
        var value = condition.Value?.Trim();
        switch (condition.Kind)
        {
            case ConditionKind.Profile when condition.Field is "CreatedAt" or "LastEditAt":
                var at = condition.Field == "CreatedAt" ? contact.CreatedAt : contact.LastEditAt;
                return condition.Operator switch
                {
                    ConditionOperator.Before => at < ParseDay(value).ToDateTime(TimeOnly.MinValue),
                    ConditionOperator.After => at >= ParseDay(value).AddDays(1).ToDateTime(TimeOnly.MinValue),
                    _ => at >= since,
                };
            case ConditionKind.Profile when condition.Field == "BirthDate":
                return condition.Operator switch
                {
                    ConditionOperator.IsEmpty => contact.BirthDate is null,
                    ConditionOperator.IsNotEmpty => contact.BirthDate is not null,
                    ConditionOperator.Before => contact.BirthDate < ParseDay(value),
                    _ => contact.BirthDate > ParseDay(value),
                };
            case ConditionKind.Profile when condition.Field == "Gender":
                return string.Equals(contact.Gender.ToString(), value, StringComparison.OrdinalIgnoreCase) == (condition.Operator == ConditionOperator.Is);
            case ConditionKind.Profile:
                return MatchesText((string?)typeof(Contact).GetProperty(condition.Field!)!.GetValue(contact), condition.Operator, value);
            case ConditionKind.Age:
                if (contact.BirthDate is not { } born) return false;
                var age = today.Year - born.Year - (born.AddYears(today.Year - born.Year) > today ? 1 : 0);
                var years = int.Parse(value!, CultureInfo.InvariantCulture);
                return condition.Operator switch
                {
                    ConditionOperator.Is => age == years,
                    ConditionOperator.Greater => age > years,
                    _ => age < years,
                };
            case ConditionKind.Identifier:
                var has = condition.Field switch
                {
                    "Email" => !string.IsNullOrEmpty(contact.Email),
                    "Phone" => !string.IsNullOrEmpty(contact.Phone),
                    "ExternalId" => !string.IsNullOrEmpty(contact.ExternalId),
                    _ => contact.Devices.Any(d => d.PushToken is not null),
                };
                return has == (condition.Operator == ConditionOperator.IsNotEmpty);
            case ConditionKind.CustomField:
                return MatchesField(loaded, condition, value, today);
            case ConditionKind.Category:
                if (loaded.Categories.SingleOrDefault(c => c.Id == condition.TargetId) is not { ArchivedAt: null }) return false;
                var subscribed = contact.Subscriptions.Any(s => s.CategoryId == condition.TargetId && s.IsSubscribed);
                return subscribed == (condition.Operator == ConditionOperator.Is);
            case ConditionKind.EmailStatus:
                return string.Equals(contact.EmailStatus.ToString(), value, StringComparison.OrdinalIgnoreCase) == (condition.Operator == ConditionOperator.Is);
            case ConditionKind.Source:
                return string.Equals(contact.Source.ToString(), value, StringComparison.OrdinalIgnoreCase) == (condition.Operator == ConditionOperator.Is);
            case ConditionKind.Message:
                var messages = loaded.Activities.Where(a =>
                    a.Channel is not (ActivityChannel.App or ActivityChannel.Website or ActivityChannel.WebWidget)
                    && a.OccurredAt >= since && (value is null || a.Name == value)).ToList();
                return condition.Action switch
                {
                    BehaviourAction.Received => messages.Any(a => a.Status == MessageStatus.Delivered),
                    BehaviourAction.Opened => messages.Any(a => a.Status == MessageStatus.Read),
                    BehaviourAction.Clicked => messages.Any(a => a.Status == MessageStatus.Clicked),
                    _ => messages.Any(a => a.Status == MessageStatus.Delivered) && !messages.Any(a => a.Status == MessageStatus.Read),
                };
            case ConditionKind.Event:
                var times = loaded.Activities.Count(a => a.Channel is ActivityChannel.App or ActivityChannel.Website && a.Name == value && a.OccurredAt >= since);
                return condition.Operator == ConditionOperator.AtLeast ? times >= condition.Times : times <= condition.Times;
            case ConditionKind.Widget:
                return loaded.Activities.Any(a => a.Channel == ActivityChannel.WebWidget && a.OccurredAt >= since
                    && (condition.TargetId is null || a.WidgetId == condition.TargetId)
                    && (condition.Action == BehaviourAction.Shown || a.Status == MessageStatus.Clicked));
            default:
                return false;
        }
    }

    private static bool MatchesText(string? text, ConditionOperator op, string? value)
    {
        var (lower, wanted) = (text?.ToLowerInvariant(), value?.ToLowerInvariant() ?? "");
        return op switch
        {
            ConditionOperator.Is => lower == wanted,
            ConditionOperator.IsNot => lower != wanted,
            ConditionOperator.Contains => lower is not null && lower.Contains(wanted, StringComparison.Ordinal),
            ConditionOperator.StartsWith => lower is not null && lower.StartsWith(wanted, StringComparison.Ordinal),
            ConditionOperator.IsEmpty => string.IsNullOrEmpty(text),
            _ => !string.IsNullOrEmpty(text),
        };
    }

    private static bool MatchesField(LoadedContact loaded, SegmentCondition condition, string? value, DateOnly today)
    {
        if (loaded.Fields.SingleOrDefault(f => f.Id == condition.TargetId) is not { ArchivedAt: null } field) return false;
        var row = loaded.Contact.CustomFieldValues.SingleOrDefault(v => v.FieldId == field.Id);
        var op = condition.Operator;
        if (op is ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty)
        {
            var empty = row is null || (row.TextValue, row.NumberValue, row.DateValue, row.BoolValue) == (null, null, null, null);
            return empty == (op == ConditionOperator.IsEmpty);
        }
        switch (field.Type)
        {
            case CustomFieldType.Text:
                return MatchesText(row?.TextValue, op, value);
            case CustomFieldType.Number:
                var number = double.Parse(value!, CultureInfo.InvariantCulture);
                return op switch
                {
                    ConditionOperator.Greater => row?.NumberValue > number,
                    ConditionOperator.Less => row?.NumberValue < number,
                    _ => row?.NumberValue == number,
                };
            case CustomFieldType.Date:
                var date = row?.DateValue;
                return op switch
                {
                    ConditionOperator.Before => date < ParseDay(value),
                    ConditionOperator.After => date > ParseDay(value),
                    ConditionOperator.WithinLastDays => date >= today.AddDays(-condition.Days!.Value) && date <= today,
                    _ => date == ParseDay(value),
                };
            case CustomFieldType.Boolean:
                return row?.BoolValue == bool.Parse(value!);
            case CustomFieldType.Choice:
                var same = string.Equals(row?.TextValue, value, StringComparison.OrdinalIgnoreCase);
                return op == ConditionOperator.Is ? same : !same;
            default:
                // Has any of the listed options.
                var chosen = row?.TextValue?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
                return value!.Split('\n').Any(o => chosen.Contains(o, StringComparer.OrdinalIgnoreCase));
        }
    }

    private static DateOnly ParseDay(string? value) => DateOnly.ParseExact(value!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
