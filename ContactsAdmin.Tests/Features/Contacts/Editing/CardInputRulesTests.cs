using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Contacts.Editing;

/// <summary>The card refuses what the API refuses: phones with letters, invisible characters, custom values out of bounds.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CardInputRulesTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private ContactEditor editor = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        editor = new ContactEditor(Factory, TestAuthorization.AppPolicies(), clock, new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock), EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
    }

    [Fact]
    public async Task The_card_gives_a_field_error_for_a_phone_with_letters_a_hidden_character_and_out_of_range_custom_values()
    {
        var renewal = await Store.FieldAsync("renewal", CustomFieldType.Date);
        var spent = await Store.FieldAsync("spent", CustomFieldType.Number);
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        var (loaded, version, _) = (await editor.LoadAsync(contact.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.Phone] = "+1-800-FLOWERS";
        edited[ProfileFields.ExternalId] = "u-\u202E1001";
        edited[FieldKey.Custom(renewal.Id)] = "1800-01-01";
        edited[FieldKey.Custom(spent.Id)] = "1e20";

        var outcome = await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);

        var errors = Assert.IsType<SaveOutcome.Invalid>(outcome).Errors;
        Assert.Contains("letters", errors[ProfileFields.Phone]);
        Assert.Contains("U+202E", errors[ProfileFields.ExternalId]);
        Assert.Contains("between 1900-01-01 and 2200-12-31", errors[FieldKey.Custom(renewal.Id)]);
        Assert.Contains("between -1,000,000,000,000,000 and 1,000,000,000,000,000", errors[FieldKey.Custom(spent.Id)]);
    }
}
