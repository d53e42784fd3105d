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

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactEditorTests : StoreTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private ContactEditor editor = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        editor = new ContactEditor(Factory, TestAuthorization.AppPolicies(), clock, new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock), EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
    }

    private async Task<(ContactForm Loaded, long Version)> LoadAsync(long id)
    {
        var (form, version, _) = (await editor.LoadAsync(id, Ct))!.Value;
        return (form, version);
    }

    private async Task<SaveOutcome> EditAsync(long id, Action<ContactForm> change, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        var (loaded, version) = await LoadAsync(id);
        var edited = loaded.Copy();
        change(edited);
        return await editor.SaveAsync(id, version, loaded, edited, user ?? TestUsers.Marketer(), ct: Ct);
    }

    [Fact]
    public async Task A_saved_edit_stores_normalized_values_and_writes_one_audit_entry_per_changed_field()
    {
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Email = "olena@example.com"; });

        var outcome = await EditAsync(contact.Id, f => { f[ProfileFields.FirstName] = "  Olga "; f[ProfileFields.Phone] = "050 123 45 67"; });

        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(["First name", "Phone"], saved.Changes.Select(c => c.Label).Order());
        await using var db = NewContext();
        var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.Equal(("Olga", "+380501234567"), (stored.FirstName, stored.Phone));
        Assert.Equal(Now.UtcDateTime, stored.LastEditAt);
        Assert.Equal("marketer@example.com", stored.LastEditBy);
        var audit = await db.AuditEntries.Where(a => a.ContactId == contact.Id).OrderBy(a => a.Field).ToListAsync(Ct);
        Assert.Collection(audit,
            a => Assert.Equal(("First name", "Olena", "Olga", "marketer@example.com", ChangeSource.User), (a.Field, a.OldValue, a.NewValue, a.Actor, a.Source)),
            a => Assert.Equal(("Phone", null, "+380501234567"), (a.Field, a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task Invalid_fields_are_refused_each_with_its_reason_and_nothing_is_written()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");

        var outcome = await EditAsync(contact.Id, f =>
        {
            f[ProfileFields.FirstName] = "12345";
            f[ProfileFields.Email] = "not-an-email";
            f[ProfileFields.TimeZone] = "Mars/Olympus";
            f[ProfileFields.Country] = "Ukraine";
        });

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Equal(
            [ProfileFields.Country.Key, ProfileFields.Email.Key, ProfileFields.FirstName.Key, ProfileFields.TimeZone.Key],
            invalid.Errors.Keys.Select(key => key.ToString()).Order());
        await using var db = NewContext();
        Assert.Equal("Olena", (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).FirstName);
        Assert.Empty(await db.AuditEntries.ToListAsync(Ct));
    }

    [Fact]
    public async Task An_email_another_contact_has_is_refused_naming_that_contact()
    {
        var holder = await Store.ContactAsync(c => { c.FirstName = "Petro"; c.LastName = "Shevchenko"; c.Email = "petro@example.com"; });
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");

        var outcome = await EditAsync(contact.Id, f => f[ProfileFields.Email] = "PETRO@example.com");

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Equal($"Email already belongs to Petro Shevchenko (contact #{holder.Id}).", invalid.Errors[ProfileFields.Email]);
    }

    [Fact]
    public async Task A_save_after_someone_else_saved_reports_who_changed_what_and_writes_nothing()
    {
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.LastName = "Koval"; });
        var (staleForm, staleVersion) = await LoadAsync(contact.Id);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<SaveOutcome.Saved>(await EditAsync(contact.Id, f => f[ProfileFields.LastName] = "Kovalenko", TestUsers.Admin("boss@example.com")));

        var mine = staleForm.Copy();
        mine[ProfileFields.FirstName] = "Olga";
        var outcome = await editor.SaveAsync(contact.Id, staleVersion, staleForm, mine, TestUsers.Marketer(), ct: Ct);

        var conflict = Assert.IsType<SaveOutcome.Conflict>(outcome);
        Assert.Equal("boss@example.com", conflict.ChangedBy);
        Assert.Equal(Now.UtcDateTime.AddMinutes(5), conflict.ChangedAt);
        var theirs = Assert.Single(conflict.TheirChanges);
        Assert.Equal(("Last name", "Koval", "Kovalenko"), (theirs.Label, theirs.From, theirs.To));
        await using var db = NewContext();
        Assert.Equal("Olena", (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).FirstName);
    }

    [Fact]
    public async Task Overwriting_after_a_conflict_writes_only_my_changes_and_keeps_theirs()
    {
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.LastName = "Koval"; });
        var (staleForm, staleVersion) = await LoadAsync(contact.Id);
        await EditAsync(contact.Id, f => f[ProfileFields.LastName] = "Kovalenko", TestUsers.Admin("boss@example.com"));

        var mine = staleForm.Copy();
        mine[ProfileFields.FirstName] = "Olga";
        var outcome = await editor.SaveAsync(contact.Id, staleVersion, staleForm, mine, TestUsers.Marketer(), overwrite: true, ct: Ct);

        Assert.IsType<SaveOutcome.Saved>(outcome);
        await using var db = NewContext();
        var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.Equal(("Olga", "Kovalenko"), (stored.FirstName, stored.LastName));
    }

    [Fact]
    public async Task A_viewer_cannot_save()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");

        var outcome = await EditAsync(contact.Id, f => f[ProfileFields.FirstName] = "Olga", TestUsers.Viewer());

        Assert.IsType<SaveOutcome.Forbidden>(outcome);
        await using var db = NewContext();
        Assert.Equal("Olena", (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).FirstName);
    }

    [Fact]
    public async Task Custom_field_values_are_validated_by_type_set_changed_and_cleared()
    {
        var value = await Store.FieldAsync("lifetime_value", CustomFieldType.Number);
        var vip = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        await Store.ValueAsync(contact, vip, "yes");

        var refused = await EditAsync(contact.Id, f => f[FieldKey.Custom(value.Id)] = "a lot");
        Assert.Equal("lifetime value must be a number, e.g. 1250.50.", Assert.IsType<SaveOutcome.Invalid>(refused).Errors[FieldKey.Custom(value.Id)]);

        Assert.IsType<SaveOutcome.Saved>(await EditAsync(contact.Id, f => { f[FieldKey.Custom(value.Id)] = "1250.5"; f[FieldKey.Custom(vip.Id)] = null; }));

        await using var db = NewContext();
        var values = await db.CustomFieldValues.Where(v => v.ContactId == contact.Id).ToListAsync(Ct);
        Assert.Equal(1250.5, Assert.Single(values).NumberValue);
        var audit = await db.AuditEntries.Where(a => a.ContactId == contact.Id).OrderBy(a => a.Field).ToListAsync(Ct);
        Assert.Equal([("lifetime value", null, "1250.5"), ("vip", "yes", null)], audit.Select(a => (a.Field, a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task Changing_the_email_to_a_blacklisted_address_makes_the_contact_blacklisted_at_once()
    {
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Email = "olena@example.com"; });
        await using (var db = NewContext())
        {
            db.EmailEvents.Add(new EmailEvent
            {
                Address = "gone@example.com", Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1",
                OccurredAt = Now.UtcDateTime.AddDays(-3), MessageName = "Spring sale", Diagnostic = "550 5.1.1 user unknown",
            });
            await db.SaveChangesAsync(Ct);
        }

        await EditAsync(contact.Id, f => f[ProfileFields.Email] = "Gone@example.com");

        await using var check = NewContext();
        var stored = await check.Contacts.SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.Equal(EmailStatus.Blacklisted, stored.EmailStatus);
        Assert.Equal(BlacklistReason.NonExistentAddress, stored.BlacklistReason);

        await EditAsync(contact.Id, f => f[ProfileFields.Email] = "fresh@example.com");
        await using var again = NewContext();
        Assert.Equal(EmailStatus.Active, (await again.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).EmailStatus);

        await EditAsync(contact.Id, f => f[ProfileFields.Email] = "");
        await using var none = NewContext();
        Assert.Equal(EmailStatus.NoEmail, (await none.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).EmailStatus);
    }

    [Fact]
    public async Task Saving_without_real_changes_writes_nothing()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");

        var outcome = await EditAsync(contact.Id, f => f[ProfileFields.FirstName] = " Olena ");

        Assert.Empty(Assert.IsType<SaveOutcome.Saved>(outcome).Changes);
        await using var db = NewContext();
        Assert.Empty(await db.AuditEntries.ToListAsync(Ct));
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_record_since_when_and_an_audit_entry()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        var subscriptions = new SubscriptionEditor(Factory, TestAuthorization.AppPolicies(), clock);

        Assert.True(await subscriptions.SetAsync(contact.Id, newsletter.Id, true, TestUsers.Marketer(), Ct));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await subscriptions.SetAsync(contact.Id, newsletter.Id, false, TestUsers.Marketer(), Ct));
        Assert.False(await subscriptions.SetAsync(contact.Id, newsletter.Id, true, TestUsers.Viewer(), Ct));

        await using var db = NewContext();
        var state = await db.ContactSubscriptions.SingleAsync(Ct);
        Assert.False(state.IsSubscribed);
        Assert.Equal(Now.UtcDateTime.AddDays(1), state.Since);
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.NewValue).ToListAsync(Ct);
        Assert.Equal(["Subscribed", "Unsubscribed"], audit);
    }
}
