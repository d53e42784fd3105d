using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Contacts;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactQueriesTests : StoreTest
{
    private ContactQueries queries = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        queries = new ContactQueries(Factory);
    }

    private async Task<List<string>> NamesAsync(ContactFilter filter, ContactSort sort = ContactSort.Name, bool descending = false)
    {
        var page = await queries.ListAsync(new ContactListQuery { Filter = filter, Sort = sort, Descending = descending, PageSize = 100 }, Ct);
        Assert.Equal(page.Rows.Count, page.TotalCount);
        return page.Rows.Select(r => r.DisplayName).ToList();
    }

    [Fact]
    public async Task Search_finds_a_contact_by_any_part_of_its_email()
    {
        await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Email = "olena.koval@example.com"; });
        await Store.ContactAsync(c => { c.FirstName = "Petro"; c.Email = "petro@example.org"; });

        Assert.Equal(["Olena"], await NamesAsync(new ContactFilter { Search = "KOVAL@exa" }));
        Assert.Equal(["Petro"], await NamesAsync(new ContactFilter { Search = "example.org" }));
    }

    [Theory]
    [InlineData("501234")]
    [InlineData("+380 50 123")]
    [InlineData("050 123 45")]
    [InlineData("(050) 123-45-67")]
    public async Task Search_finds_a_contact_by_part_of_its_phone_in_any_common_format(string typed)
    {
        await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Phone = "+380501234567"; });
        await Store.ContactAsync(c => { c.FirstName = "Petro"; c.Phone = "+4930123456"; });

        Assert.Equal(["Olena"], await NamesAsync(new ContactFilter { Search = typed }));
    }

    [Fact]
    public async Task Search_finds_names_case_insensitively_in_any_alphabet_and_across_first_and_last_name()
    {
        await Store.ContactAsync(c => { c.FirstName = "Олена"; c.LastName = "Коваль"; });
        await Store.ContactAsync(c => { c.FirstName = "Zoë"; c.LastName = "Müller"; });

        Assert.Equal(["Олена Коваль"], await NamesAsync(new ContactFilter { Search = "олена к" }));
        Assert.Equal(["Zoë Müller"], await NamesAsync(new ContactFilter { Search = "MÜLL" }));
    }

    [Fact]
    public async Task Search_finds_a_contact_by_part_of_its_external_id()
    {
        await Store.ContactAsync(c => { c.FirstName = "Olena"; c.ExternalId = "CRM-000417"; });
        await Store.ContactAsync(c => { c.FirstName = "Petro"; c.ExternalId = "CRM-000999"; });

        Assert.Equal(["Olena"], await NamesAsync(new ContactFilter { Search = "crm-000417" }));
    }

    [Fact]
    public async Task The_email_status_filter_keeps_only_that_status()
    {
        await Store.ContactAsync(c => { c.FirstName = "Active"; c.Email = "a@example.com"; c.EmailStatus = EmailStatus.Active; });
        await Store.ContactAsync(c => { c.FirstName = "Blocked"; c.Email = "b@example.com"; c.EmailStatus = EmailStatus.Blacklisted; });
        await Store.ContactAsync(c => c.FirstName = "Nomail");

        Assert.Equal(["Blocked"], await NamesAsync(new ContactFilter { EmailStatus = EmailStatus.Blacklisted }));
        Assert.Equal(["Nomail"], await NamesAsync(new ContactFilter { EmailStatus = EmailStatus.NoEmail }));
    }

    [Fact]
    public async Task The_source_filter_keeps_only_that_source()
    {
        await Store.ContactAsync(c => { c.FirstName = "Form"; c.Source = ContactSource.SubscriptionForm; });
        await Store.ContactAsync(c => { c.FirstName = "App"; c.Source = ContactSource.MobileApp; });

        Assert.Equal(["App"], await NamesAsync(new ContactFilter { Source = ContactSource.MobileApp }));
    }

    [Fact]
    public async Task The_category_filter_keeps_contacts_subscribed_now_not_those_who_left()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var reader = await Store.ContactAsync(c => c.FirstName = "Reader");
        var leaver = await Store.ContactAsync(c => c.FirstName = "Leaver");
        await Store.ContactAsync(c => c.FirstName = "Stranger");
        await Store.SubscribeAsync(reader, newsletter);
        await Store.SubscribeAsync(leaver, newsletter, subscribed: false);

        Assert.Equal(["Reader"], await NamesAsync(new ContactFilter { CategoryId = newsletter.Id }));
    }

    [Fact]
    public async Task Created_and_last_edit_ranges_include_their_start_and_exclude_their_end()
    {
        var march = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await Store.ContactAsync(c => { c.FirstName = "Feb"; c.CreatedAt = march.AddTicks(-1); c.LastEditAt = march.AddDays(40); });
        await Store.ContactAsync(c => { c.FirstName = "Mar"; c.CreatedAt = march; c.LastEditAt = march; });
        await Store.ContactAsync(c => { c.FirstName = "Apr"; c.CreatedAt = march.AddMonths(1); c.LastEditAt = march.AddMonths(1); });

        Assert.Equal(["Mar"], await NamesAsync(new ContactFilter { CreatedFrom = march, CreatedTo = march.AddMonths(1) }));
        Assert.Equal(["Apr", "Feb"], await NamesAsync(new ContactFilter { EditedFrom = march.AddDays(1) }));
    }

    [Fact]
    public async Task Custom_field_conditions_compare_by_the_fields_type()
    {
        var value = await Store.FieldAsync("lifetime_value", CustomFieldType.Number);
        var tier = await Store.FieldAsync("loyalty_tier", CustomFieldType.Choice, "bronze", "gold");
        var lastOrder = await Store.FieldAsync("last_order_date", CustomFieldType.Date);
        var vip = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        var favourite = await Store.FieldAsync("favourite_category", CustomFieldType.Text);
        var ann = await Store.ContactAsync(c => c.FirstName = "Ann");
        var bob = await Store.ContactAsync(c => c.FirstName = "Bob");
        await Store.ContactAsync(c => c.FirstName = "Cid");
        await Store.ValueAsync(ann, value, "1500.5");
        await Store.ValueAsync(bob, value, "90");
        await Store.ValueAsync(ann, tier, "gold");
        await Store.ValueAsync(bob, tier, "bronze");
        await Store.ValueAsync(ann, lastOrder, "2026-03-03");
        await Store.ValueAsync(bob, lastOrder, "2025-12-24");
        await Store.ValueAsync(ann, vip, "yes");
        await Store.ValueAsync(bob, vip, "no");
        await Store.ValueAsync(ann, favourite, "Garden tools");
        await Store.ValueAsync(bob, favourite, "Books");

        async Task<List<string>> Where(CustomFieldDefinition field, FieldOperator op, string? v) =>
            await NamesAsync(new ContactFilter { Field = new CustomFieldCondition(field.Id, op, v) });

        Assert.Equal(["Ann"], await Where(value, FieldOperator.Greater, "1000"));
        Assert.Equal(["Bob"], await Where(value, FieldOperator.Less, "1000"));
        Assert.Equal(["Bob"], await Where(value, FieldOperator.Equals, "90"));
        Assert.Equal(["Cid"], await Where(value, FieldOperator.IsEmpty, null));
        Assert.Equal(["Ann"], await Where(tier, FieldOperator.Equals, "GOLD"));
        Assert.Equal(["Ann"], await Where(lastOrder, FieldOperator.Greater, "2026-01-01"));
        Assert.Equal(["Bob"], await Where(lastOrder, FieldOperator.Less, "2026-01-01"));
        Assert.Equal(["Ann"], await Where(lastOrder, FieldOperator.Equals, "2026-03-03"));
        Assert.Equal(["Bob"], await Where(vip, FieldOperator.Equals, "no"));
        Assert.Equal(["Ann"], await Where(favourite, FieldOperator.Contains, "TOOL"));
        Assert.Equal(["Bob"], await Where(favourite, FieldOperator.Equals, "books"));
    }

    [Fact]
    public async Task A_field_condition_with_a_value_of_the_wrong_type_is_ignored_and_says_why()
    {
        var value = await Store.FieldAsync("lifetime_value", CustomFieldType.Number);
        await Store.ContactAsync(c => c.FirstName = "Ann");

        var page = await queries.ListAsync(new ContactListQuery
        {
            Filter = new ContactFilter { Field = new CustomFieldCondition(value.Id, FieldOperator.Greater, "lots") },
        }, Ct);

        Assert.Equal(1, page.TotalCount);
        Assert.Contains("must be a number", page.FilterProblem);
    }

    [Fact]
    public async Task Filters_combine_and_the_total_counts_every_match_not_just_the_page()
    {
        for (var i = 0; i < 30; i++)
        {
            var n = i;
            await Store.ContactAsync(c =>
            {
                c.FirstName = $"Anna{n:00}";
                c.Email = $"anna{n}@example.com";
                c.Source = n % 2 == 0 ? ContactSource.Import : ContactSource.Api;
            });
        }

        var page = await queries.ListAsync(new ContactListQuery
        {
            Filter = new ContactFilter { Search = "anna", Source = ContactSource.Import },
            PageSize = 25,
        }, Ct);

        Assert.Equal(15, page.TotalCount);
        Assert.All(page.Rows, r => Assert.Equal(ContactSource.Import, r.Source));
    }

    [Theory]
    [InlineData(ContactSort.Name, false, "Ann Alder,Bob Brook,Cid Clay")]
    [InlineData(ContactSort.Name, true, "Cid Clay,Bob Brook,Ann Alder")]
    [InlineData(ContactSort.Email, false, "Cid Clay,Ann Alder,Bob Brook")]
    [InlineData(ContactSort.Phone, false, "Bob Brook,Cid Clay,Ann Alder")]
    [InlineData(ContactSort.EmailStatus, false, "Ann Alder,Cid Clay,Bob Brook")]
    [InlineData(ContactSort.Source, false, "Bob Brook,Ann Alder,Cid Clay")]
    [InlineData(ContactSort.CreatedAt, false, "Cid Clay,Ann Alder,Bob Brook")]
    [InlineData(ContactSort.CreatedAt, true, "Bob Brook,Ann Alder,Cid Clay")]
    [InlineData(ContactSort.LastEditAt, false, "Bob Brook,Cid Clay,Ann Alder")]
    [InlineData(ContactSort.Country, false, "Ann Alder,Cid Clay,Bob Brook")]
    [InlineData(ContactSort.Language, false, "Cid Clay,Bob Brook,Ann Alder")]
    public async Task Each_column_sorts_in_SQL(ContactSort sort, bool descending, string expected)
    {
        var day = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await Store.ContactAsync(c =>
        {
            c.FirstName = "Ann"; c.LastName = "Alder"; c.Email = "m@example.com"; c.Phone = "+4930999999";
            c.EmailStatus = EmailStatus.Active; c.Source = ContactSource.Import; c.CreatedAt = day.AddDays(1);
            c.LastEditAt = day.AddDays(9); c.Country = "DE"; c.Language = "uk-UA";
        });
        await Store.ContactAsync(c =>
        {
            c.FirstName = "Bob"; c.LastName = "Brook"; c.Email = "z@example.com"; c.Phone = "+380501111111";
            c.EmailStatus = EmailStatus.Unsubscribed; c.Source = ContactSource.Api; c.CreatedAt = day.AddDays(2);
            c.LastEditAt = day.AddDays(2); c.Country = "US"; c.Language = "fr-FR";
        });
        await Store.ContactAsync(c =>
        {
            c.FirstName = "Cid"; c.LastName = "Clay"; c.Email = "a@example.com"; c.Phone = "+390612345678";
            c.EmailStatus = EmailStatus.Blacklisted; c.Source = ContactSource.SubscriptionForm; c.CreatedAt = day;
            c.LastEditAt = day.AddDays(3); c.Country = "PL"; c.Language = "de-DE";
        });

        Assert.Equal(expected.Split(','), await NamesAsync(ContactFilter.None, sort, descending));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap_even_when_sort_keys_tie()
    {
        for (var i = 0; i < 60; i++)
            await Store.ContactAsync(c => c.Country = "UA");   // every sort key equal

        var seen = new List<long>();
        for (var page = 0; page < 3; page++)
        {
            var result = await queries.ListAsync(new ContactListQuery { Page = page, PageSize = 25, Sort = ContactSort.Country }, Ct);
            seen.AddRange(result.Rows.Select(r => r.Id));
        }

        Assert.Equal(60, seen.Count);
        Assert.Equal(60, seen.Distinct().Count());
    }

    [Fact]
    public async Task Chosen_custom_field_and_category_columns_carry_each_rows_values()
    {
        var tier = await Store.FieldAsync("loyalty_tier", CustomFieldType.Choice, "bronze", "gold");
        var newsletter = await Store.CategoryAsync("Newsletter");
        var ann = await Store.ContactAsync(c => c.FirstName = "Ann");
        var bob = await Store.ContactAsync(c => c.FirstName = "Bob");
        await Store.ValueAsync(ann, tier, "gold");
        await Store.SubscribeAsync(bob, newsletter);

        var page = await queries.ListAsync(new ContactListQuery
        {
            Sort = ContactSort.Name, Descending = false, FieldColumns = [tier.Id], CategoryColumns = [newsletter.Id],
        }, Ct);

        var (annRow, bobRow) = (page.Rows[0], page.Rows[1]);
        Assert.Equal("gold", annRow.FieldValues[tier.Id].Text);
        Assert.Empty(bobRow.FieldValues);
        Assert.DoesNotContain(newsletter.Id, annRow.SubscribedCategories);
        Assert.Contains(newsletter.Id, bobRow.SubscribedCategories);
    }

    [Fact]
    public async Task An_empty_store_gives_an_empty_page()
    {
        var page = await queries.ListAsync(new ContactListQuery(), Ct);

        Assert.Empty(page.Rows);
        Assert.Equal(0, page.TotalCount);
    }
}
