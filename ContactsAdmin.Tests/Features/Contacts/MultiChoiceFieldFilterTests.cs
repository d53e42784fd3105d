using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>A "several of a list" field as the store keeps it and the grid's field filter ("has any of") reads it.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class MultiChoiceFieldFilterTests : StoreTest
{
    private ContactQueries queries = null!;
    private CustomFieldDefinition interests = null!;

    protected override async Task SeedAsync(StoreBuilder store)
    {
        interests = await store.FieldAsync("interests", CustomFieldType.MultiChoice, "sport", "travel", "art", "smart home", "cooking");
        await store.ValueAsync(await store.ContactAsync(c => c.FirstName = "Ann"), interests, "art\nSPORT");
        await store.ValueAsync(await store.ContactAsync(c => c.FirstName = "Bob"), interests, "smart home");
        await store.ValueAsync(await store.ContactAsync(c => c.FirstName = "Cid"), interests, "travel");
        await store.ContactAsync(c => c.FirstName = "Dee");
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        queries = new ContactQueries(Factory);
    }

    private async Task<List<string>> HavingAsync(FieldOperator op, string? options)
    {
        var filter = new ContactFilter { Field = new CustomFieldCondition(interests.Id, op, options) };
        var page = await queries.ListAsync(new ContactListQuery { Filter = filter, PageSize = 100 }, Ct);
        Assert.Equal(page.Rows.Count, await queries.CountAsync(filter, Ct));
        return [.. page.Rows.Select(r => r.DisplayName).Order()];
    }

    [Fact]
    public async Task The_options_are_stored_between_separators_in_the_fields_order_and_spelling()
    {
        await using var db = NewContext();
        var stored = await db.CustomFieldValues.Where(v => v.FieldId == interests.Id).Select(v => v.TextValue).ToListAsync(Ct);

        Assert.Contains("\nsport\nart\n", stored);
        Assert.Contains("\nsmart home\n", stored);
    }

    [Fact]
    public async Task A_contact_with_two_options_matches_either_and_no_other()
    {
        Assert.Equal(["Ann"], await HavingAsync(FieldOperator.Equals, "sport"));
        Assert.Equal(["Ann"], await HavingAsync(FieldOperator.Equals, "art"));
        Assert.Empty(await HavingAsync(FieldOperator.Equals, "cooking"));
    }

    [Fact]
    public async Task An_option_inside_another_options_name_does_not_match_it()
    {
        Assert.Equal(["Bob"], await HavingAsync(FieldOperator.Equals, "smart home"));
        Assert.DoesNotContain("Bob", await HavingAsync(FieldOperator.Equals, "art"));
    }

    [Fact]
    public async Task Several_options_match_contacts_with_any_of_them()
    {
        Assert.Equal(["Bob", "Cid"], await HavingAsync(FieldOperator.Equals, "travel\nsmart home"));
        Assert.Equal(["Ann", "Cid"], await HavingAsync(FieldOperator.Equals, "sport\ntravel"));
    }

    [Fact]
    public async Task Has_no_value_finds_the_contacts_without_options()
    {
        Assert.Equal(["Dee"], await HavingAsync(FieldOperator.IsEmpty, null));
    }
}
