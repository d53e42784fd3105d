using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Contacts.Editing;

/// <summary>The card's editor with a multi-choice field, and with a field archived while the dialog was open.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CustomFieldEditTests : StoreTest
{
    private ContactEditor editor = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        editor = new ContactEditor(Factory, TestAuthorization.AppPolicies(), clock,
            new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock), EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
    }

    private async Task<SaveOutcome> EditAsync(long id, Action<ContactForm> change, Func<Task>? meanwhile = null)
    {
        var (loaded, version, _) = (await editor.LoadAsync(id, Ct))!.Value;
        var edited = loaded.Copy();
        change(edited);
        if (meanwhile is not null) await meanwhile();
        return await editor.SaveAsync(id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);
    }

    [Fact]
    public async Task Options_ticked_in_any_order_are_stored_in_the_fields_order_and_the_history_lists_them()
    {
        var interests = await Store.FieldAsync("interests", CustomFieldType.MultiChoice, "sport", "travel", "art");
        var contact = await Store.ContactAsync();
        var key = FieldKey.Custom(interests.Id);

        var first = await EditAsync(contact.Id, f => f[key] = "art\nsport");
        var again = await EditAsync(contact.Id, f => f[key] = "sport\nart");

        Assert.IsType<SaveOutcome.Saved>(first);
        Assert.Empty(Assert.IsType<SaveOutcome.Saved>(again).Changes);
        await using var db = NewContext();
        Assert.Equal("\nsport\nart\n", (await db.CustomFieldValues.SingleAsync(v => v.ContactId == contact.Id, Ct)).TextValue);
        var audit = await db.AuditEntries.SingleAsync(a => a.ContactId == contact.Id, Ct);
        Assert.Equal(("interests", null, "sport, art"), (audit.Field, audit.OldValue, audit.NewValue));
    }

    [Fact]
    public async Task A_field_archived_while_the_dialog_was_open_refuses_its_new_value_and_keeps_the_old()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Text);
        var contact = await Store.ContactAsync();
        await Store.ValueAsync(contact, tier, "gold");

        var outcome = await EditAsync(contact.Id, f => f[FieldKey.Custom(tier.Id)] = "silver", async () =>
        {
            await using var db = NewContext();
            await db.CustomFieldDefinitions.Where(f => f.Id == tier.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ArchivedAt, new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc)), Ct);
        });

        Assert.Equal("The field 'tier' is archived.", Assert.IsType<SaveOutcome.Invalid>(outcome).Errors[FieldKey.Custom(tier.Id)]);
        await using var check = NewContext();
        Assert.Equal("gold", (await check.CustomFieldValues.SingleAsync(v => v.ContactId == contact.Id, Ct)).TextValue);
    }
}
