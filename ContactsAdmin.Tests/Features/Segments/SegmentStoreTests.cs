using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>What Marketers' changes to saved segments do to the store and its audit log, and what they are refused.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SegmentStoreTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private SegmentStore segments = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        segments = new SegmentStore(Factory, TestAuthorization.AppPolicies(), clock);
    }

    private async Task<int> CreateAsync(string name, SegmentRule? rule = null) =>
        Assert.IsType<SegmentOutcome.Saved>(await segments.CreateAsync(name, rule ?? EmailStatusIs(EmailStatus.Active), TestUsers.Marketer(), Ct)).Id;

    private async Task<List<(string Subject, string Action)>> AuditAsync()
    {
        await using var db = NewContext();
        return [.. (await db.SettingsChanges.Where(c => c.Area == SettingsArea.Segment).OrderBy(c => c.Id).ToListAsync(Ct)).Select(c => (c.Subject, c.Action))];
    }

    [Fact]
    public async Task The_list_shows_each_segment_by_name_with_who_made_it_and_no_count_yet()
    {
        await CreateAsync("Welcome series");
        await CreateAsync("Active subscribers");

        var listed = await segments.ListAsync(Ct);

        Assert.Equal(["Active subscribers", "Welcome series"], listed.Select(s => s.Name));
        Assert.All(listed, s => Assert.Equal("marketer@example.com", s.CreatedBy));
        Assert.All(listed, s => Assert.Null(s.MemberCount));
        Assert.All(listed, s => Assert.Null(s.LastUsedAt));
        Assert.Equal(EmailStatusIs(EmailStatus.Active), listed[0].Rule);
    }

    [Fact]
    public async Task Counting_stores_the_exact_number_of_members_with_its_time()
    {
        await Store.ContactAsync(c => c.EmailStatus = EmailStatus.Active);
        await Store.ContactAsync(c => c.EmailStatus = EmailStatus.Active);
        await Store.ContactAsync(c => c.EmailStatus = EmailStatus.Blacklisted);
        var id = await CreateAsync("Active");

        var count = await segments.CountAsync(id, Ct);

        Assert.Equal(new SegmentCount(2, clock.GetUtcNow().UtcDateTime), count);
        var saved = await segments.FindAsync(id, Ct);
        Assert.Equal(2, saved!.MemberCount);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, saved.CountedAt);
        Assert.Null(await segments.CountAsync(id + 1000, Ct));
    }

    [Fact]
    public async Task Renaming_keeps_the_rule_and_count_and_is_audited()
    {
        var id = await CreateAsync("Actives");
        await segments.CountAsync(id, Ct);

        var outcome = await segments.UpdateAsync(id, " Active email ", null, TestUsers.Marketer(), Ct);

        Assert.IsType<SegmentOutcome.Saved>(outcome);
        var saved = await segments.FindAsync(id, Ct);
        Assert.Equal("Active email", saved!.Name);
        Assert.Equal(EmailStatusIs(EmailStatus.Active), saved.Rule);
        Assert.NotNull(saved.CountedAt);
        Assert.Equal([("Actives", "Created"), ("Active email", "Renamed")], await AuditAsync());
    }

    [Fact]
    public async Task Changing_the_rule_forgets_the_old_count_and_is_audited()
    {
        var id = await CreateAsync("Audience");
        await segments.CountAsync(id, Ct);
        clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await segments.UpdateAsync(id, "Audience", SourceIs(ContactSource.Import), TestUsers.Marketer(), Ct);

        Assert.IsType<SegmentOutcome.Saved>(outcome);
        var saved = await segments.FindAsync(id, Ct);
        Assert.Equal(SourceIs(ContactSource.Import), saved!.Rule);
        Assert.Null(saved.MemberCount);
        Assert.Null(saved.CountedAt);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, saved.UpdatedAt);
        Assert.Equal([("Audience", "Created"), ("Audience", "Rule changed")], await AuditAsync());
    }

    [Fact]
    public async Task A_name_another_segment_has_is_refused_under_the_name_on_create_and_on_rename()
    {
        await CreateAsync("Newsletter readers");
        var other = await CreateAsync("Others");

        var created = await segments.CreateAsync("Newsletter readers", SegmentRule.Everyone, TestUsers.Marketer(), Ct);
        var renamed = await segments.UpdateAsync(other, "Newsletter readers", null, TestUsers.Marketer(), Ct);

        Assert.Equal([SegmentInput.Name], Assert.IsType<SegmentOutcome.Invalid>(created).Errors.Keys);
        Assert.Contains("already exists", Assert.IsType<SegmentOutcome.Invalid>(renamed).Errors[SegmentInput.Name]);
        Assert.Equal(["Newsletter readers", "Others"], (await segments.ListAsync(Ct)).Select(s => s.Name));
    }

    [Fact]
    public async Task Empty_and_too_long_names_and_too_many_groups_are_each_named()
    {
        var tooManyGroups = new SegmentRule
        {
            Groups = [.. Enumerable.Repeat(EmailStatusIs(EmailStatus.Active).Groups[0], SegmentLimits.MaxGroups + 1)],
        };
        var tooManyConditions = Of([.. Enumerable.Repeat(EmailStatusIs(EmailStatus.Active).Groups[0].Conditions[0], SegmentLimits.MaxConditionsPerGroup + 1)]);

        var empty = await segments.CreateAsync("  ", SegmentRule.Everyone, TestUsers.Marketer(), Ct);
        var tooLong = await segments.CreateAsync(new string('a', SegmentLimits.NameMaxLength + 1), SegmentRule.Everyone, TestUsers.Marketer(), Ct);
        var groups = await segments.CreateAsync("Groups", tooManyGroups, TestUsers.Marketer(), Ct);
        var conditions = await segments.CreateAsync("Conditions", tooManyConditions, TestUsers.Marketer(), Ct);

        Assert.Contains("Enter a name", Assert.IsType<SegmentOutcome.Invalid>(empty).Errors[SegmentInput.Name]);
        Assert.Contains($"at most {SegmentLimits.NameMaxLength}", Assert.IsType<SegmentOutcome.Invalid>(tooLong).Errors[SegmentInput.Name]);
        Assert.Contains($"at most {SegmentLimits.MaxGroups} groups", Assert.IsType<SegmentOutcome.Invalid>(groups).Errors[SegmentInput.Rule]);
        Assert.Contains($"a group has at most {SegmentLimits.MaxConditionsPerGroup}", Assert.IsType<SegmentOutcome.Invalid>(conditions).Errors[SegmentInput.Rule]);
        Assert.Empty(await segments.ListAsync(Ct));
    }

    [Fact]
    public async Task No_segment_is_made_beyond_the_workspaces_limit()
    {
        await using (var db = NewContext())
        {
            db.Segments.AddRange(Enumerable.Range(0, SegmentLimits.MaxSegments).Select(i => new Segment { Name = $"S{i}", Definition = "{}" }));
            await db.SaveChangesAsync(Ct);
        }

        var created = await segments.CreateAsync("One more", SegmentRule.Everyone, TestUsers.Marketer(), Ct);
        var copied = await segments.DuplicateAsync((await segments.ListAsync(Ct))[0].Id, TestUsers.Marketer(), Ct);

        Assert.Contains("delete one first", Assert.IsType<SegmentOutcome.Refused>(created).Reason);
        Assert.IsType<SegmentOutcome.Refused>(copied);
    }

    [Fact]
    public async Task Duplicating_makes_a_numbered_copy_of_the_rule_and_is_audited()
    {
        var id = await CreateAsync("Buyers", SourceIs(ContactSource.Order));

        var first = Assert.IsType<SegmentOutcome.Saved>(await segments.DuplicateAsync(id, TestUsers.Admin(), Ct));
        var second = Assert.IsType<SegmentOutcome.Saved>(await segments.DuplicateAsync(id, TestUsers.Admin(), Ct));

        var copy = await segments.FindAsync(first.Id, Ct);
        Assert.Equal("Copy of Buyers", copy!.Name);
        Assert.Equal(SourceIs(ContactSource.Order), copy.Rule);
        Assert.Equal("admin@example.com", copy.CreatedBy);
        Assert.Equal("Copy of Buyers (2)", (await segments.FindAsync(second.Id, Ct))!.Name);
        Assert.Equal([("Buyers", "Created"), ("Copy of Buyers", "Duplicated"), ("Copy of Buyers (2)", "Duplicated")], await AuditAsync());
    }

    [Fact]
    public async Task The_copy_of_a_name_at_its_longest_still_fits()
    {
        var id = await CreateAsync(new string('n', SegmentLimits.NameMaxLength));

        var copied = Assert.IsType<SegmentOutcome.Saved>(await segments.DuplicateAsync(id, TestUsers.Marketer(), Ct));

        var name = (await segments.FindAsync(copied.Id, Ct))!.Name;
        Assert.StartsWith("Copy of nnn", name);
        Assert.Equal(SegmentLimits.NameMaxLength, name.Length);
    }

    [Fact]
    public async Task Deleting_removes_the_segment_and_is_audited()
    {
        var id = await CreateAsync("Old campaign");

        var outcome = await segments.DeleteAsync(id, TestUsers.Marketer(), Ct);
        var again = await segments.DeleteAsync(id, TestUsers.Marketer(), Ct);

        Assert.IsType<SegmentOutcome.Saved>(outcome);
        Assert.Contains("no longer exists", Assert.IsType<SegmentOutcome.Refused>(again).Reason);
        Assert.Null(await segments.FindAsync(id, Ct));
        Assert.Equal([("Old campaign", "Created"), ("Old campaign", "Deleted")], await AuditAsync());
    }

    [Fact]
    public async Task A_viewer_may_change_nothing()
    {
        var id = await CreateAsync("Kept");
        var viewer = TestUsers.Viewer();

        SegmentOutcome[] outcomes =
        [
            await segments.CreateAsync("Mine", SegmentRule.Everyone, viewer, Ct),
            await segments.UpdateAsync(id, "Renamed", null, viewer, Ct),
            await segments.UpdateAsync(id, "Kept", SourceIs(ContactSource.Manual), viewer, Ct),
            await segments.DuplicateAsync(id, viewer, Ct),
            await segments.DeleteAsync(id, viewer, Ct),
        ];

        Assert.All(outcomes, o => Assert.IsType<SegmentOutcome.Refused>(o));
        var kept = Assert.Single(await segments.ListAsync(Ct));
        Assert.Equal(("Kept", EmailStatusIs(EmailStatus.Active)), (kept.Name, kept.Rule));
        Assert.Equal([("Kept", "Created")], await AuditAsync());
    }

    [Fact]
    public async Task Opening_a_segment_notes_when_it_was_last_used()
    {
        var id = await CreateAsync("Used");
        clock.Advance(TimeSpan.FromHours(2));

        Assert.True(await segments.MarkUsedAsync(id, Ct));
        Assert.False(await segments.MarkUsedAsync(id + 1000, Ct));

        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await segments.FindAsync(id, Ct))!.LastUsedAt);
    }
}
