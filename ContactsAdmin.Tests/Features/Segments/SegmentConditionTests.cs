using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>
/// Each operator of each kind of condition means what it says: the contacts the SQL finds (the predicate on its own
/// and the grid's query with the rule as its filter) are exactly those a plain in-memory reading of the rule picks
/// (<see cref="SegmentReference"/>), on a store seeded so that every case splits the contacts (some in, some out).
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class SegmentConditionTests(SegmentSample sample) : IClassFixture<SegmentSample>
{
    private static SegmentCondition Profile(string field, ConditionOperator op, string? value = null, int? days = null) =>
        new() { Kind = ConditionKind.Profile, Field = field, Operator = op, Value = value, Days = days };

    private static SegmentCondition Field(CustomFieldDefinition field, ConditionOperator op, string? value = null, int? days = null) =>
        new() { Kind = ConditionKind.CustomField, TargetId = field.Id, Operator = op, Value = value, Days = days };

    private static SegmentCondition Message(BehaviourAction action, string? name, int days) =>
        new() { Kind = ConditionKind.Message, Action = action, Value = name, Days = days };

    private static SegmentCondition Event(string name, ConditionOperator op, int times, int days) =>
        new() { Kind = ConditionKind.Event, Value = name, Operator = op, Times = times, Days = days };

    private static SegmentCondition Widget(BehaviourAction action, Widget? widget, int days) =>
        new() { Kind = ConditionKind.Widget, Action = action, TargetId = widget?.Id, Days = days };

    private static SegmentCondition Of(ConditionKind kind, ConditionOperator op, string? value = null, string? field = null, int? target = null) =>
        new() { Kind = kind, Operator = op, Value = value, Field = field, TargetId = target };

    /// <summary>Every case by name (xunit lists each); built against the sample, whose ids are known only once seeded.</summary>
    private static readonly Dictionary<string, Func<SegmentSample, SegmentCondition>> Cases = new()
    {
        ["first name is (Cyrillic, other case)"] = _ => Profile("FirstName", ConditionOperator.Is, "олена"),
        ["first name is not"] = _ => Profile("FirstName", ConditionOperator.IsNot, "ОЛЕНА"),
        ["last name contains"] = _ => Profile("LastName", ConditionOperator.Contains, "OL"),
        ["first name starts with"] = _ => Profile("FirstName", ConditionOperator.StartsWith, "ОЛ"),
        ["first name starts with (Latin)"] = _ => Profile("FirstName", ConditionOperator.StartsWith, "g"),
        ["first name is empty"] = _ => Profile("FirstName", ConditionOperator.IsEmpty),
        ["first name is not empty"] = _ => Profile("FirstName", ConditionOperator.IsNotEmpty),
        ["email is"] = _ => Profile("Email", ConditionOperator.Is, "BOB@example.org"),
        ["email contains"] = _ => Profile("Email", ConditionOperator.Contains, "EXAMPLE.COM"),
        ["email starts with"] = _ => Profile("Email", ConditionOperator.StartsWith, "dee@"),
        ["country is"] = _ => Profile("Country", ConditionOperator.Is, "ua"),
        ["country is not (with no country)"] = _ => Profile("Country", ConditionOperator.IsNot, "UA"),
        ["country is not empty"] = _ => Profile("Country", ConditionOperator.IsNotEmpty),
        ["city contains"] = _ => Profile("City", ConditionOperator.Contains, "kyiv"),
        ["city is (non-ASCII)"] = _ => Profile("City", ConditionOperator.Is, "KRAKÓW"),
        ["external id starts with"] = _ => Profile("ExternalId", ConditionOperator.StartsWith, "crm"),
        ["last name is empty"] = _ => Profile("LastName", ConditionOperator.IsEmpty),
        ["phone contains"] = _ => Profile("Phone", ConditionOperator.Contains, "+380"),
        ["gender is"] = _ => Profile("Gender", ConditionOperator.Is, "Female"),
        ["gender is not"] = _ => Profile("Gender", ConditionOperator.IsNot, "female"),
        ["birth date before"] = _ => Profile("BirthDate", ConditionOperator.Before, "1995-06-01"),
        ["birth date after"] = s => Profile("BirthDate", ConditionOperator.After, Iso(s.Today.AddYears(-30))),
        ["birth date is empty"] = _ => Profile("BirthDate", ConditionOperator.IsEmpty),
        ["birth date is not empty"] = _ => Profile("BirthDate", ConditionOperator.IsNotEmpty),
        ["created before a day"] = _ => Profile("CreatedAt", ConditionOperator.Before, "2025-03-10"),
        ["created after a day"] = _ => Profile("CreatedAt", ConditionOperator.After, "2025-03-10"),
        ["created in the last 7 days"] = _ => Profile("CreatedAt", ConditionOperator.WithinLastDays, days: 7),
        ["last edit in the last 30 days"] = _ => Profile("LastEditAt", ConditionOperator.WithinLastDays, days: 30),
        ["last edit before a day"] = s => Profile("LastEditAt", ConditionOperator.Before, Iso(s.Today.AddDays(-10))),
        ["last edit after a day"] = s => Profile("LastEditAt", ConditionOperator.After, Iso(s.Today.AddDays(-13))),
        ["age is (birthday today)"] = _ => Of(ConditionKind.Age, ConditionOperator.Is, "30"),
        ["age is (birthday tomorrow)"] = _ => Of(ConditionKind.Age, ConditionOperator.Is, "29"),
        ["age greater"] = _ => Of(ConditionKind.Age, ConditionOperator.Greater, "30"),
        ["age less"] = _ => Of(ConditionKind.Age, ConditionOperator.Less, "31"),
        ["has email"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsNotEmpty, field: "Email"),
        ["email missing"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsEmpty, field: "Email"),
        ["has phone"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsNotEmpty, field: "Phone"),
        ["phone missing"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsEmpty, field: "Phone"),
        ["has external id"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsNotEmpty, field: "ExternalId"),
        ["has push token"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsNotEmpty, field: "PushToken"),
        ["push token missing"] = _ => Of(ConditionKind.Identifier, ConditionOperator.IsEmpty, field: "PushToken"),
        ["text field is"] = s => Field(s.Note, ConditionOperator.Is, "vip CUSTOMER"),
        ["text field is not"] = s => Field(s.Note, ConditionOperator.IsNot, "customer"),
        ["text field contains"] = s => Field(s.Note, ConditionOperator.Contains, "CUSTOMER"),
        ["text field starts with"] = s => Field(s.Note, ConditionOperator.StartsWith, "vip"),
        ["text field is empty"] = s => Field(s.Note, ConditionOperator.IsEmpty),
        ["text field is not empty"] = s => Field(s.Note, ConditionOperator.IsNotEmpty),
        ["number is"] = s => Field(s.LifetimeValue, ConditionOperator.Is, "1000"),
        ["number greater"] = s => Field(s.LifetimeValue, ConditionOperator.Greater, "1000"),
        ["number less"] = s => Field(s.LifetimeValue, ConditionOperator.Less, "1000"),
        ["number is empty"] = s => Field(s.LifetimeValue, ConditionOperator.IsEmpty),
        ["number is not empty"] = s => Field(s.LifetimeValue, ConditionOperator.IsNotEmpty),
        ["date is"] = s => Field(s.Renewal, ConditionOperator.Is, Iso(s.Today.AddDays(-5))),
        ["date before"] = s => Field(s.Renewal, ConditionOperator.Before, Iso(s.Today.AddDays(-10))),
        ["date after"] = s => Field(s.Renewal, ConditionOperator.After, Iso(s.Today.AddDays(-10))),
        ["date in the last 30 days"] = s => Field(s.Renewal, ConditionOperator.WithinLastDays, days: 30),
        ["date is empty"] = s => Field(s.Renewal, ConditionOperator.IsEmpty),
        ["date is not empty"] = s => Field(s.Renewal, ConditionOperator.IsNotEmpty),
        ["boolean is true"] = s => Field(s.Vip, ConditionOperator.Is, "true"),
        ["boolean is false"] = s => Field(s.Vip, ConditionOperator.Is, "false"),
        ["boolean is empty"] = s => Field(s.Vip, ConditionOperator.IsEmpty),
        ["choice is"] = s => Field(s.Tier, ConditionOperator.Is, "gold"),
        ["choice is not"] = s => Field(s.Tier, ConditionOperator.IsNot, "Gold"),
        ["choice is empty"] = s => Field(s.Tier, ConditionOperator.IsEmpty),
        ["choice is not empty"] = s => Field(s.Tier, ConditionOperator.IsNotEmpty),
        ["multi-choice has any of"] = s => Field(s.Interests, ConditionOperator.Is, "art\nsmart home"),
        ["multi-choice has one"] = s => Field(s.Interests, ConditionOperator.Is, "travel"),
        ["multi-choice is empty"] = s => Field(s.Interests, ConditionOperator.IsEmpty),
        ["multi-choice is not empty"] = s => Field(s.Interests, ConditionOperator.IsNotEmpty),
        ["subscribed to"] = s => Of(ConditionKind.Category, ConditionOperator.Is, target: s.Newsletter.Id),
        ["not subscribed to (unsubscribed and never)"] = s => Of(ConditionKind.Category, ConditionOperator.IsNot, target: s.Newsletter.Id),
        ["subscribed to another"] = s => Of(ConditionKind.Category, ConditionOperator.Is, target: s.Offers.Id),
        ["email status is"] = _ => Of(ConditionKind.EmailStatus, ConditionOperator.Is, "Active"),
        ["email status is not"] = _ => Of(ConditionKind.EmailStatus, ConditionOperator.IsNot, "Active"),
        ["source is"] = _ => Of(ConditionKind.Source, ConditionOperator.Is, "Import"),
        ["source is not"] = _ => Of(ConditionKind.Source, ConditionOperator.IsNot, "Api"),
        ["received any message in 30 days"] = _ => Message(BehaviourAction.Received, null, 30),
        ["received a message by name"] = _ => Message(BehaviourAction.Received, "Spring sale", 30),
        ["received any message in 60 days"] = _ => Message(BehaviourAction.Received, null, 60),
        ["opened any message"] = _ => Message(BehaviourAction.Opened, null, 30),
        ["opened a message by name"] = _ => Message(BehaviourAction.Opened, "Spring sale", 30),
        ["clicked any message (not a widget)"] = _ => Message(BehaviourAction.Clicked, null, 30),
        ["clicked a message by name"] = _ => Message(BehaviourAction.Clicked, "Winter promo", 30),
        ["did not open any message"] = _ => Message(BehaviourAction.NotOpened, null, 30),
        ["did not open a message by name"] = _ => Message(BehaviourAction.NotOpened, "Spring sale", 30),
        ["event at least once"] = _ => Event("AddToCart", ConditionOperator.AtLeast, 1, 30),
        ["event at least 3 times"] = _ => Event("AddToCart", ConditionOperator.AtLeast, 3, 30),
        ["event at least 5 times in 7 days"] = _ => Event("PageView", ConditionOperator.AtLeast, 5, 7),
        ["event at most once"] = _ => Event("AddToCart", ConditionOperator.AtMost, 1, 30),
        ["event at most twice in 60 days"] = _ => Event("AddToCart", ConditionOperator.AtMost, 2, 60),
        ["event never"] = _ => Event("AddToCart", ConditionOperator.AtMost, 0, 30),
        ["any widget shown"] = _ => Widget(BehaviourAction.Shown, null, 30),
        ["a widget shown"] = s => Widget(BehaviourAction.Shown, s.Banner, 30),
        ["a widget shown in 60 days"] = s => Widget(BehaviourAction.Shown, s.Popup, 60),
        ["any widget clicked"] = _ => Widget(BehaviourAction.Clicked, null, 30),
        ["a widget clicked"] = s => Widget(BehaviourAction.Clicked, s.Popup, 30),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_condition_finds_the_contacts_it_says(string name)
    {
        var rule = Single(Cases[name](sample));
        var all = await sample.LoadAllAsync(Ct);
        var expected = Reference(all, rule);

        var (found, problems) = await FindAsync(rule);

        // The case splits the sample, so a condition that matched everyone or no one would fail it.
        Assert.InRange(expected.Count, 1, all.Count - 1);
        Assert.Empty(problems);
        Assert.Equal(expected, found);
        Assert.Equal(expected, await GridAsync(rule));
    }

    public static TheoryData<string> TextFields => [.. SegmentOperators.ProfileTextFields];

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Every_profile_text_field_is_read_from_its_column(string field)
    {
        // The cases above try each operator on a few fields; this reads every field declared as text once each way.
        var all = await sample.LoadAllAsync(Ct);
        foreach (var op in new[] { ConditionOperator.IsNotEmpty, ConditionOperator.IsEmpty })
        {
            var rule = Single(Profile(field, op));

            Assert.Equal(Reference(all, rule), (await FindAsync(rule)).Ids);
        }
    }

    private static readonly string[] ProfileFieldsToCover = ["FirstName", "BirthDate", "Gender", "CreatedAt", "LastEditAt"];

    [Fact]
    public void Every_operator_of_every_kind_has_a_case()
    {
        var conditions = Cases.Values.Select(c => c(sample)).ToList();
        var fields = new[] { sample.Note, sample.LifetimeValue, sample.Renewal, sample.Vip, sample.Tier, sample.Interests };
        // Text fields share their operators; one stands for all (the cases use several).
        var declared = ProfileFieldsToCover
            .SelectMany(f => SegmentOperators.ForProfileField(f).Select(op => $"Profile {(f == "FirstName" ? "text" : f)} {op}"))
            .Concat(fields.SelectMany(f => SegmentOperators.ForCustomField(f.Type).Select(op => $"CustomField {f.Type} {op}")))
            .Concat(Enum.GetValues<ConditionKind>().Where(k => k is not (ConditionKind.Profile or ConditionKind.CustomField or ConditionKind.Message or ConditionKind.Widget))
                .SelectMany(k => SegmentOperators.ForKind(k).Select(op => $"{k} {op}")))
            .Concat(Enum.GetValues<ConditionKind>().SelectMany(k => SegmentOperators.ActionsFor(k).Select(a => $"{k} {a}")))
            .ToHashSet();

        var covered = conditions.Select(c => c.Kind switch
        {
            ConditionKind.Profile => $"Profile {(SegmentOperators.ProfileTextFields.Contains(c.Field) ? "text" : c.Field)} {c.Operator}",
            ConditionKind.CustomField => $"CustomField {fields.Single(f => f.Id == c.TargetId).Type} {c.Operator}",
            ConditionKind.Message or ConditionKind.Widget => $"{c.Kind} {c.Action}",
            _ => $"{c.Kind} {c.Operator}",
        }).ToHashSet();

        Assert.Empty(declared.Except(covered));
    }

    public static TheoryData<RuleJoin, RuleJoin> Joins => new() { { RuleJoin.And, RuleJoin.Or }, { RuleJoin.Or, RuleJoin.And } };

    [Theory]
    [MemberData(nameof(Joins))]
    public async Task Groups_join_as_written(RuleJoin outer, RuleJoin inner)
    {
        // "Active AND (subscribed to Newsletter OR lifetime value > 1000) AND clicked in the last 30 days", and its mirror.
        var rule = new SegmentRule
        {
            Join = outer,
            Groups =
            [
                new ConditionGroup { Conditions = [Of(ConditionKind.EmailStatus, ConditionOperator.Is, "Active")] },
                new ConditionGroup
                {
                    Join = inner,
                    Conditions = [Of(ConditionKind.Category, ConditionOperator.Is, target: sample.Newsletter.Id), Field(sample.LifetimeValue, ConditionOperator.Greater, "1000")],
                },
                new ConditionGroup { Conditions = [Message(BehaviourAction.Clicked, null, 30)] },
            ],
        };
        var all = await sample.LoadAllAsync(Ct);
        var expected = Reference(all, rule);

        Assert.InRange(expected.Count, 1, all.Count - 1);
        Assert.Equal(expected, (await FindAsync(rule)).Ids);
        Assert.Equal(expected, await GridAsync(rule));
    }

    public static TheoryData<string> BrokenNames => [.. Broken.Keys];

    private static readonly Dictionary<string, Func<SegmentSample, SegmentCondition>> Broken = new()
    {
        ["a deleted custom field"] = _ => new SegmentCondition { Kind = ConditionKind.CustomField, TargetId = 9999, Operator = ConditionOperator.IsEmpty },
        ["an archived custom field"] = s => Field(s.Archived, ConditionOperator.IsNotEmpty),
        ["an operator of another type"] = s => Field(s.LifetimeValue, ConditionOperator.Contains, "1"),
        ["a number that does not parse"] = s => Field(s.LifetimeValue, ConditionOperator.Greater, "lots"),
        ["an option the field lacks"] = s => Field(s.Tier, ConditionOperator.IsNot, "Platinum"),
        ["an archived category, not subscribed"] = s => Of(ConditionKind.Category, ConditionOperator.IsNot, target: s.OldCategory.Id),
        ["a deleted widget"] = _ => new SegmentCondition { Kind = ConditionKind.Widget, Action = BehaviourAction.Shown, TargetId = 9999, Days = 30 },
        ["no days"] = _ => Message(BehaviourAction.Received, null, 0),
        ["an age in words"] = _ => Of(ConditionKind.Age, ConditionOperator.Less, "thirty"),
        ["a date that does not parse"] = _ => Profile("CreatedAt", ConditionOperator.Before, "10/03/2025"),
        ["an unknown profile field"] = _ => Profile("Nickname", ConditionOperator.IsEmpty),
        ["an email status by number"] = _ => Of(ConditionKind.EmailStatus, ConditionOperator.IsNot, "1"),
        ["is not, with no value"] = _ => Profile("Country", ConditionOperator.IsNot),
    };

    [Theory]
    [MemberData(nameof(BrokenNames))]
    public async Task A_broken_condition_matches_no_one_and_says_why(string name)
    {
        var broken = Broken[name](sample);
        var everyone = Profile("CreatedAt", ConditionOperator.After, "2000-01-01");

        var (alone, problems) = await FindAsync(Single(broken));
        // OR'ed with a condition that holds for everyone: still everyone, so the broken part added no one and took no one.
        var (orEveryone, _) = await FindAsync(new SegmentRule
        {
            Groups = [new ConditionGroup { Join = RuleJoin.Or, Conditions = [broken, Profile("FirstName", ConditionOperator.IsNotEmpty)] }],
        });

        Assert.Empty(alone);
        Assert.Single(problems);
        Assert.EndsWith("Until then the condition matches no one.", problems[0]);
        Assert.Equal((await FindAsync(Single(Profile("FirstName", ConditionOperator.IsNotEmpty)))).Ids, orEveryone);
        Assert.NotEmpty((await FindAsync(Single(everyone))).Ids);
    }

    private static SegmentRule Single(SegmentCondition condition) => new() { Groups = [new ConditionGroup { Conditions = [condition] }] };

    private List<long> Reference(IReadOnlyList<LoadedContact> all, SegmentRule rule) =>
        [.. all.Where(c => SegmentReference.Matches(c, rule, sample.Now)).Select(c => c.Contact.Id).Order()];

    /// <summary>
    /// The rule's predicate applied to the contacts table, at the sample's moment; read contact by contact, as a
    /// whole (lists of who did what), and slice by slice of the ids as the grid's estimate reads it, which must agree.
    /// </summary>
    private async Task<(List<long> Ids, IReadOnlyList<string> Problems)> FindAsync(SegmentRule rule)
    {
        await using var db = sample.Database.NewContext();
        var prepared = await SegmentPredicates.PrepareAsync(db, rule, sample.Now, Ct);
        var probed = await prepared.Apply(db.Contacts.AsNoTracking()).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
        var listed = await prepared.ApplyToAll(db.Contacts.AsNoTracking()).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
        Assert.Equal(probed, listed);
        Assert.Equal(probed, await SlicedAsync(db, prepared));
        return (probed, prepared.Problems);
    }

    /// <summary>
    /// The members found in three slices of the id range, each read as CountSampling reads one (every table the rule
    /// reads bounded to the slice). Each slice starts at a contact's id and ends at another's, so a bound off by one
    /// would count a contact twice or not at all.
    /// </summary>
    private static async Task<List<long>> SlicedAsync(AppDbContext db, PreparedSegmentRule rule)
    {
        var ids = await db.Contacts.Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
        long[] bounds = [ids[0], ids[ids.Count / 3], ids[ids.Count * 2 / 3], ids[^1] + 1];
        var found = new List<long>();
        for (var i = 0; i < bounds.Length - 1; i++)
        {
            var (inSlice, _) = ContactFiltering.Apply(
                db, db.Contacts.AsNoTracking(), new ContactFilter(), null, SubqueryForm.Join, new ContactIdRange(bounds[i], bounds[i + 1]), rule);
            found.AddRange(await inSlice.Select(c => c.Id).ToListAsync(Ct));
        }
        return [.. found.Order()];
    }

    /// <summary>The grid's page of the rule (it reads the system clock, seconds after the sample's moment; no case sits that close to an edge).</summary>
    private async Task<List<long>> GridAsync(SegmentRule rule)
    {
        var page = await new ContactQueries(sample.Database.Factory)
            .ListAsync(new ContactListQuery { Filter = new ContactFilter { Rule = rule }, PageSize = 100 }, Ct);
        Assert.Null(page.FilterProblem);
        return [.. page.Rows.Select(r => r.Id).Order()];
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
