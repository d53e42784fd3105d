using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.CustomFields;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.CustomFields;

/// <summary>
/// What the settings page's changes do to the rest of the app, read through the app's own services on the next call
/// (nothing caches definitions): archived fields leave the card, its editor, the grid's field list and its filter;
/// every list follows the groups' stored order, then the fields' order.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CustomFieldsEverywhereTests : StoreTest
{
    private CustomFieldSettings FieldSettings => Services.GetRequiredService<CustomFieldSettings>();

    [Fact]
    public async Task An_archived_field_leaves_the_card_the_editor_the_grid_fields_and_the_filter_and_its_value_is_kept()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);
        var vip = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        var contact = await Store.ContactAsync(c => c.FirstName = "Ann");
        await Store.ValueAsync(contact, size, "42");

        Assert.IsType<CustomFieldOutcome.Done>(await FieldSettings.ArchiveAsync(size.Id, TestUsers.Admin(), Ct));

        var card = await Services.GetRequiredService<ContactCardQueries>().GetAsync(contact.Id, Ct);
        Assert.Equal([vip.Id], card!.FieldGroups.SelectMany(g => g.Fields).Select(f => f.Field.Id));
        var (form, _, editorFields) = (await Services.GetRequiredService<ContactEditor>().LoadAsync(contact.Id, Ct))!.Value;
        Assert.Equal([vip.Id], editorFields.Select(f => f.Id));
        Assert.False(form.Values.ContainsKey(FieldKey.Custom(size.Id)));
        Assert.Equal([vip.Id], (await Services.GetRequiredService<ContactLookups>().FieldsAsync(Ct)).Select(f => f.Id));
        var filtered = await Services.GetRequiredService<ContactQueries>().ListAsync(new ContactListQuery
        {
            Filter = new ContactFilter { Field = new CustomFieldCondition(size.Id, FieldOperator.Equals, "1") },
        }, Ct);
        Assert.Equal(1, filtered.TotalCount);
        Assert.Equal("shoe size is archived; the condition was ignored.", filtered.FilterProblem);
        await using var db = NewContext();
        Assert.Equal(42d, db.CustomFieldValues.Single(v => v.FieldId == size.Id).NumberValue);

        Assert.IsType<CustomFieldOutcome.Done>(await FieldSettings.RestoreAsync(size.Id, TestUsers.Admin(), Ct));
        card = await Services.GetRequiredService<ContactCardQueries>().GetAsync(contact.Id, Ct);
        Assert.Equal(42d, card!.FieldGroups.SelectMany(g => g.Fields).Single(f => f.Field.Id == size.Id).Value?.Number);
    }

    [Fact]
    public async Task The_card_the_editor_and_the_grid_list_fields_by_the_stored_group_order_then_the_field_order()
    {
        var admin = TestUsers.Admin();
        await FieldSettings.CreateAsync(CustomFieldSettingsTests.Draft("Tier", "tier", group: "Loyalty"), admin, Ct);
        await FieldSettings.CreateAsync(CustomFieldSettingsTests.Draft("Value", "value", group: "Loyalty"), admin, Ct);
        await FieldSettings.CreateAsync(CustomFieldSettingsTests.Draft("Shoe size", "shoe_size", group: "Sizes"), admin, Ct);
        await FieldSettings.CreateAsync(CustomFieldSettingsTests.Draft("Nickname", "nickname", group: "About"), admin, Ct);
        // Sizes goes first, and in Loyalty, Value before Tier: neither is alphabetical.
        await FieldSettings.MoveGroupAsync("Sizes", -1, admin, Ct);
        await FieldSettings.MoveGroupAsync("Sizes", -1, admin, Ct);
        await FieldSettings.MoveAsync((await FieldSettings.ListAsync(Ct)).SelectMany(g => g.Fields).Single(f => f.Key == "value").Id, -1, admin, Ct);
        var contact = await Store.ContactAsync();

        string[] expected = ["shoe_size", "value", "tier", "nickname"];
        var card = await Services.GetRequiredService<ContactCardQueries>().GetAsync(contact.Id, Ct);
        Assert.Equal(["Sizes", "Loyalty", "About"], card!.FieldGroups.Select(g => g.Name));
        Assert.Equal(expected, card.FieldGroups.SelectMany(g => g.Fields).Select(f => f.Field.Key));
        Assert.Equal(expected, (await Services.GetRequiredService<ContactEditor>().LoadAsync(contact.Id, Ct))!.Value.Fields.Select(f => f.Key));
        Assert.Equal(expected, (await Services.GetRequiredService<ContactLookups>().FieldsAsync(Ct)).Select(f => f.Key));
    }

    [Fact]
    public void Groups_without_a_stored_place_come_after_the_placed_ones_by_name()
    {
        var order = new Dictionary<string, int> { ["Loyalty"] = 2, ["Sizes"] = 1 };

        Assert.Equal(["Sizes", "Loyalty", "About", "Personal"], CustomFieldOrder.Groups(["Personal", "Loyalty", "About", "Sizes"], order));
    }
}
