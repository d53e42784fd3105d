using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>Built conditions and an opened segment in the grid's URL: bookmarked, shared and restored with Back.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactGridViewRuleTests
{
    private static readonly SegmentRule ActiveAndNewsletterOrImported = new()
    {
        Join = RuleJoin.And,
        Groups =
        [
            new ConditionGroup { Conditions = [new SegmentCondition { Kind = ConditionKind.EmailStatus, Operator = ConditionOperator.Is, Value = "Active" }] },
            new ConditionGroup
            {
                Join = RuleJoin.Or,
                Conditions =
                [
                    new SegmentCondition { Kind = ConditionKind.Category, Operator = ConditionOperator.Is, TargetId = 4 },
                    new SegmentCondition { Kind = ConditionKind.Source, Operator = ConditionOperator.Is, Value = "Import" },
                    new SegmentCondition { Kind = ConditionKind.Message, Operator = ConditionOperator.Is, Action = BehaviourAction.Clicked, Days = 30, Value = "Black Friday & more" },
                ],
            },
        ],
    };

    [Fact]
    public void Built_conditions_survive_the_round_trip_through_the_URL_and_reach_the_query()
    {
        var view = ContactGridView.Default with { Rule = ActiveAndNewsletterOrImported, Status = EmailStatus.Active, Page = 2 };

        var uri = view.ToUri();
        var read = ContactGridView.FromUri("https://admin.example.com" + uri);

        Assert.Contains("rule=" + SegmentRuleJson.ToUrlValue(ActiveAndNewsletterOrImported), uri);
        Assert.Equal(view, read);
        Assert.Equal(ActiveAndNewsletterOrImported, read.ToQuery(TimeZoneInfo.Utc).Filter.Rule);
        Assert.True(read.HasFilters);
    }

    [Fact]
    public void An_opened_segment_and_its_edited_conditions_are_both_kept()
    {
        var opened = ContactGridView.Default with { SegmentId = 17 };
        var edited = opened with { Rule = ActiveAndNewsletterOrImported };

        Assert.Equal("/contacts?segment=17", opened.ToUri());
        Assert.Equal(opened, ContactGridView.FromUri(opened.ToUri()));
        Assert.Equal(edited, ContactGridView.FromUri(edited.ToUri()));
        Assert.StartsWith("/contacts?segment=17&rule=", edited.ToUri());
        // The segment's own conditions are looked up by the page; the view alone carries none.
        Assert.Null(opened.ToQuery(TimeZoneInfo.Utc).Filter.Rule);
    }

    [Fact]
    public void Clearing_the_filters_closes_the_segment_and_drops_the_conditions()
    {
        var view = ContactGridView.Default with { SegmentId = 3, Rule = ActiveAndNewsletterOrImported, PageSize = 50 };

        Assert.Equal("/contacts?size=50", view.WithoutFilters().ToUri());
    }

    [Theory]
    [InlineData("/contacts?rule=not-base64!")]
    [InlineData("/contacts?rule=e30")] // {}: a rule of no conditions
    [InlineData("/contacts?rule=eyJncm91cHMiOjV9")] // {"groups":5}
    [InlineData("/contacts?segment=seven")]
    public void Unreadable_conditions_or_segment_in_the_URL_are_ignored(string uri)
    {
        var view = ContactGridView.FromUri(uri);

        Assert.Null(view.Rule);
        Assert.Null(view.SegmentId);
        Assert.False(view.HasFilters);
    }

    [Fact]
    public void Todays_URLs_read_as_before()
    {
        var uri = "/contacts?status=active&source=import&category=3&field=7&op=greater&value=1000&sort=name&page=2";

        var view = ContactGridView.FromUri(uri);

        Assert.Equal(uri, view.ToUri());
        Assert.Null(view.Rule);
        Assert.Null(view.ToQuery(TimeZoneInfo.Utc).Filter.Rule);
    }
}
