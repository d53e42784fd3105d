using ContactsAdmin.Data;
using ContactsAdmin.Features.CustomFields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.CustomFields;

/// <summary>Renaming and removing options of a several-of-a-list field rewrites each contact's list of options.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class MultiChoiceOptionTests : StoreTest
{
    [Fact]
    public async Task Renamed_and_replaced_options_of_a_several_of_a_list_field_follow_into_every_contacts_list()
    {
        var fields = new CustomFieldSettings(Factory, TestAuthorization.AppPolicies(), new FakeTimeProvider());
        var interests = await Store.FieldAsync("interests", CustomFieldType.MultiChoice, "sport", "travel", "art");
        var (a, b, c) = (await Store.ContactAsync(), await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ValueAsync(a, interests, "sport\ntravel");
        await Store.ValueAsync(b, interests, "travel\nart");
        await Store.ValueAsync(c, interests, "travel");

        // sport becomes Sports; travel is removed and its values become art (b holds art already: once).
        var outcome = await fields.UpdateAsync(interests.Id, new("Interests", null, CustomFieldType.MultiChoice, "Personal", null,
            [new("art", "art"), new("sport", "Sports")])
        { Replacements = new Dictionary<string, string?> { ["travel"] = "art" } },
            TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        await using var db = NewContext();
        var values = await db.CustomFieldValues.Where(v => v.FieldId == interests.Id).ToDictionaryAsync(v => v.ContactId, v => v.TextValue, Ct);
        Assert.Equal("\nart\nSports\n", values[a.Id]);
        Assert.Equal("\nart\n", values[b.Id]);
        Assert.Equal("\nart\n", values[c.Id]);
    }
}
