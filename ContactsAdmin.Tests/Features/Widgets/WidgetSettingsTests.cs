using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Widgets;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Widgets;

/// <summary>What an Admin's changes at /settings/widgets do to the store and to the activity tab, and what they are refused.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class WidgetSettingsTests : StoreTest
{
    private WidgetSettings Widgets => Services.GetRequiredService<WidgetSettings>();

    private static WidgetDraft Draft(string? name = "Spring popup", string? key = "spring-popup", int? limit = 2,
        WidgetFrequencyPeriod? period = WidgetFrequencyPeriod.Day) => new(name, key, limit, period);

    [Fact]
    public async Task A_created_widget_is_listed_active_with_its_frequency_in_words()
    {
        var outcome = await Widgets.CreateAsync(Draft(), TestUsers.Admin(), Ct);

        Assert.IsType<WidgetOutcome.Done>(outcome);
        var row = Assert.Single(await Widgets.ListAsync(Ct));
        Assert.Equal(("spring-popup", "Spring popup", true, "at most 2 per day"), (row.Key, row.Name, row.IsActive, row.Frequency));
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_under_the_key_field()
    {
        await Widgets.CreateAsync(Draft(), TestUsers.Admin(), Ct);

        var outcome = await Widgets.CreateAsync(Draft(name: "Another"), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<WidgetOutcome.Invalid>(outcome);
        Assert.Equal([WidgetInput.Key], invalid.Errors.Keys);
        Assert.Equal("Another widget already has the key spring-popup.", invalid.Errors[WidgetInput.Key]);
    }

    [Fact]
    public async Task Empty_name_bad_key_and_a_limit_out_of_bounds_are_each_named()
    {
        var outcome = await Widgets.CreateAsync(Draft(name: " ", key: "Spring Popup", limit: 0, period: null), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<WidgetOutcome.Invalid>(outcome);
        Assert.Equal("Give the widget a name.", invalid.Errors[WidgetInput.Name]);
        Assert.Equal("Use lowercase letters, digits and hyphens, starting with a letter.", invalid.Errors[WidgetInput.Key]);
        Assert.Equal($"Between 1 and {WidgetRules.MaxFrequencyLimit} displays per period.", invalid.Errors[WidgetInput.Limit]);
        Assert.Equal("Choose a period: session, day, week or lifetime.", invalid.Errors[WidgetInput.Period]);
        Assert.Equal("Between 1 and 1000 displays per period.", WidgetRules.CheckLimit(1001).Error);
        await using var db = NewContext();
        Assert.False(await db.Widgets.AnyAsync(Ct));
    }

    [Fact]
    public async Task Editing_changes_name_and_frequency_but_never_the_key()
    {
        var id = ((WidgetOutcome.Done)await Widgets.CreateAsync(Draft(), TestUsers.Admin(), Ct)).Id;

        await Widgets.UpdateAsync(id, Draft(name: "Summer popup", key: "other-key", limit: 3, period: WidgetFrequencyPeriod.Week), TestUsers.Admin(), Ct);

        var row = Assert.Single(await Widgets.ListAsync(Ct));
        Assert.Equal(("spring-popup", "Summer popup", "at most 3 per week"), (row.Key, row.Name, row.Frequency));
    }

    [Fact]
    public async Task Pausing_and_resuming_set_the_widget_active_or_not()
    {
        var id = ((WidgetOutcome.Done)await Widgets.CreateAsync(Draft(), TestUsers.Admin(), Ct)).Id;

        await Widgets.SetActiveAsync(id, false, TestUsers.Admin(), Ct);
        var paused = Assert.Single(await Widgets.ListAsync(Ct)).IsActive;
        await Widgets.SetActiveAsync(id, true, TestUsers.Admin(), Ct);
        var resumed = Assert.Single(await Widgets.ListAsync(Ct)).IsActive;

        Assert.False(paused);
        Assert.True(resumed);
    }

    [Fact]
    public async Task Each_action_is_recorded_in_the_settings_audit_log()
    {
        var admin = TestUsers.Admin("boss@example.com");
        var id = ((WidgetOutcome.Done)await Widgets.CreateAsync(Draft(), admin, Ct)).Id;
        await Widgets.UpdateAsync(id, Draft(limit: 5), admin, Ct);
        await Widgets.SetActiveAsync(id, false, admin, Ct);
        await Widgets.SetActiveAsync(id, true, admin, Ct);

        await using var db = NewContext();
        var entries = await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(["Created", "Edited", "Paused", "Resumed"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((SettingsArea.Widget, "spring-popup", "boss@example.com"), (e.Area, e.Subject, e.Actor)));
        Assert.Null(entries[0].Before);
        Assert.Contains("\"FrequencyLimit\":2", entries[1].Before);
        Assert.Contains("\"FrequencyLimit\":5", entries[1].After);
    }

    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Viewer)]
    public async Task Marketers_and_viewers_are_refused_every_action(string role)
    {
        var id = ((WidgetOutcome.Done)await Widgets.CreateAsync(Draft(), TestUsers.Admin(), Ct)).Id;
        var user = role == Roles.Marketer ? TestUsers.Marketer() : TestUsers.Viewer();

        Assert.IsType<WidgetOutcome.Refused>(await Widgets.CreateAsync(Draft(key: "other"), user, Ct));
        Assert.IsType<WidgetOutcome.Refused>(await Widgets.UpdateAsync(id, Draft(limit: 9), user, Ct));
        Assert.IsType<WidgetOutcome.Refused>(await Widgets.SetActiveAsync(id, false, user, Ct));

        var row = Assert.Single(await Widgets.ListAsync(Ct));
        Assert.Equal((2, true), (row.FrequencyLimit, row.IsActive));
    }

    [Fact]
    public async Task Raising_a_widgets_limit_clears_the_activity_tabs_over_frequency_marks()
    {
        var contact = await Store.ContactAsync();
        var widget = await Store.WidgetAsync(WidgetFrequencyPeriod.Lifetime, 1, "Popup");
        var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        await Store.ActivitiesAsync(contact,
            Display(widget, at, "first"), Display(widget, at.AddHours(1), "second"), Display(widget, at.AddHours(2), "third"));
        var activities = Services.GetRequiredService<ActivityQueries>();

        async Task<List<string>> MarkedAsync() =>
            [.. (await activities.PageAsync(contact.Id, ActivityFilter.None, 0, 100, TimeZoneInfo.Utc, Ct))
                .Where(r => r.FrequencyMark?.IsBeyondLimit == true).OrderBy(r => r.OccurredAt).Select(r => r.Name)];

        var before = await MarkedAsync();
        await Widgets.UpdateAsync(widget.Id, new WidgetDraft("Popup", null, 2, WidgetFrequencyPeriod.Lifetime), TestUsers.Admin(), Ct);
        var after = await MarkedAsync();

        Assert.Equal(["second", "third"], before);
        Assert.Equal(["third"], after);
    }

    private static Activity Display(Widget widget, DateTime at, string name) => new()
    {
        OccurredAt = at, Channel = ActivityChannel.WebWidget, Name = name, Status = MessageStatus.Delivered, WidgetId = widget.Id, SessionId = "s-1",
    };
}
