using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>
/// A segment page with an OR group ("Active and (Newsletter or lifetime value over 1000)") walks the contacts in the
/// sort's order and checks each one: on PostgreSQL its EXISTS probes must stay probes, not a hashed list of every
/// subscriber or value read before the first row (97 ms against 9 ms at a million contacts, docs/benchmarks.md).
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class OrGroupProbeTests : StoreTest
{
    private readonly CommandRecorder commands = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddStoreInterceptors(commands);

    [Fact]
    public async Task An_or_group_page_checks_each_contact_by_probe_and_finds_the_members_a_scan_finds()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var value = await Store.FieldAsync("lifetime_value", CustomFieldType.Number);
        await using (var db = NewContext())
        {
            var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var contacts = Enumerable.Range(0, 600).Select(i => new Contact
            {
                CreatedAt = epoch.AddMinutes(i), LastEditAt = epoch, Source = ContactSource.Api,
                EmailStatus = i % 3 == 0 ? EmailStatus.Unsubscribed : EmailStatus.Active,
            }).ToList();
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync(Ct);
            foreach (var (contact, i) in contacts.Select((c, i) => (c, i)))
            {
                if (i % 2 == 0) db.CustomFieldValues.Add(new CustomFieldValue { ContactId = contact.Id, FieldId = value.Id, NumberValue = i % 4 == 0 ? 5000 : 10 });
                if (i % 5 == 0) db.ContactSubscriptions.Add(new ContactSubscription { ContactId = contact.Id, CategoryId = newsletter.Id, IsSubscribed = true, Since = epoch, Source = ContactSource.Manual });
            }
            await db.SaveChangesAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE", Ct);
        }
        var rule = new SegmentRule
        {
            Groups =
            [
                new ConditionGroup { Conditions = EmailStatusIs(EmailStatus.Active).Groups[0].Conditions },
                new ConditionGroup
                {
                    Join = RuleJoin.Or,
                    Conditions =
                    [
                        new SegmentCondition { Kind = ConditionKind.Category, TargetId = newsletter.Id, Operator = ConditionOperator.Is },
                        new SegmentCondition { Kind = ConditionKind.CustomField, TargetId = value.Id, Operator = ConditionOperator.Greater, Value = "1000" },
                    ],
                },
            ],
        };

        await using var check = await Factory.CreateDbContextAsync(Ct);
        var prepared = await ContactFiltering.PrepareAsync(check, ContactFilter.None with { Rule = rule }, Ct);
        commands.Clear();
        var page = await prepared.Apply(check.Contacts.AsNoTracking(), SubqueryForm.Probe).Contacts
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(26).Select(c => c.Id).ToListAsync(Ct);
        var pageQuery = Assert.Single(commands.Commands);

        var expected = await check.Contacts.Where(c => c.EmailStatus == EmailStatus.Active &&
                (check.ContactSubscriptions.Any(s => s.ContactId == c.Id && s.CategoryId == newsletter.Id && s.IsSubscribed) ||
                 check.CustomFieldValues.Any(v => v.ContactId == c.Id && v.FieldId == value.Id && v.NumberValue > 1000)))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(26).Select(c => c.Id).ToListAsync(Ct);
        Assert.Equal(26, expected.Count);
        Assert.Equal(expected, page);

        var plan = await pageQuery.ExplainAsync(check, Ct);
        Assert.DoesNotContain("hashed SubPlan", plan, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SubPlan", plan, StringComparison.Ordinal);
    }
}
