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
public class ContactCreatorTests : StoreTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private ContactCreator creator = null!;
    private ContactFormChecks checks = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        checks = new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock);
        creator = new ContactCreator(Factory, TestAuthorization.AppPolicies(), clock, checks, EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
    }

    private async Task<SaveOutcome> CreateAsync(Action<ContactForm> fill, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        var (form, _) = await creator.NewFormAsync(Ct);
        fill(form);
        return await creator.CreateAsync(form, user ?? TestUsers.Marketer(), Ct);
    }

    [Fact]
    public async Task A_contact_typed_in_by_hand_is_stored_with_source_manual_and_an_audit_trail_naming_the_user()
    {
        var tier = await Store.FieldAsync("loyalty_tier", CustomFieldType.Choice, "Gold", "Silver");

        var outcome = await CreateAsync(f =>
        {
            f[ProfileFields.Email] = " Taras.Shevchenko@Example.COM ";
            f[ProfileFields.FirstName] = "Taras";
            f[ProfileFields.Phone] = "050 123 45 67";
            f[FieldKey.Custom(tier.Id)] = "Gold";
        });

        var created = Assert.IsType<SaveOutcome.Created>(outcome);
        await using var db = NewContext();
        var stored = await db.Contacts.Include(c => c.CustomFieldValues).SingleAsync(c => c.Id == created.ContactId, Ct);
        Assert.Equal((ContactSource.Manual, "taras.shevchenko@example.com", "+380501234567", "Taras"),
            (stored.Source, stored.EmailNormalized, stored.Phone, stored.FirstName));
        Assert.Equal((Now.UtcDateTime, Now.UtcDateTime, "marketer@example.com"), (stored.CreatedAt, stored.LastEditAt, stored.LastEditBy));
        Assert.Equal(EmailStatus.Active, stored.EmailStatus);
        Assert.Equal("Gold", Assert.Single(stored.CustomFieldValues).TextValue);
        var audit = await db.AuditEntries.Where(a => a.ContactId == stored.Id).ToListAsync(Ct);
        Assert.All(audit, a => Assert.Equal(("marketer@example.com", ChangeSource.User, (string?)null), (a.Actor, a.Source, a.OldValue)));
        Assert.Equal(["Contact", "Email", "First name", "Phone", "loyalty tier"], audit.Select(a => a.Field).Order(StringComparer.Ordinal));
        Assert.Equal(ContactCreator.CreatedText, audit.Single(a => a.Field == ContactCreator.CreatedField).NewValue);
    }

    [Fact]
    public async Task An_identifier_another_contact_holds_is_refused_naming_that_contact_and_nothing_is_created()
    {
        var holder = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.LastName = "Koval"; c.Email = "olena@example.com"; });

        var outcome = await CreateAsync(f => { f[ProfileFields.Email] = "OLENA@example.com"; f[ProfileFields.FirstName] = "Someone"; });

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Equal($"Email already belongs to Olena Koval (contact #{holder.Id}).", invalid.Errors[ProfileFields.Email]);
        await using var db = NewContext();
        Assert.Equal(1, await db.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task The_form_names_the_holder_of_a_typed_identifier_before_saving()
    {
        var holder = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Phone = "+380501234567"; });
        var (form, _) = await creator.NewFormAsync(Ct);

        form[ProfileFields.Phone] = "0501234567";
        var found = await checks.OtherHoldersAsync(form, contactId: null, Ct);
        form[ProfileFields.Phone] = "0501234";   // not a phone yet: nobody is looked up
        var partial = await checks.OtherHoldersAsync(form, contactId: null, Ct);

        Assert.Equal(holder.Id, Assert.Single(found).ContactId);
        Assert.Empty(partial);
        Assert.Empty(await checks.OtherHoldersAsync(ContactFormWith(form, "+380501234567"), holder.Id, Ct));
    }

    private static ContactForm ContactFormWith(ContactForm form, string phone)
    {
        var copy = form.Copy();
        copy[ProfileFields.Phone] = phone;
        return copy;
    }

    [Fact]
    public async Task A_contact_without_any_identifier_is_refused_with_the_reason_on_the_email_field()
    {
        var outcome = await CreateAsync(f => { f[ProfileFields.FirstName] = "Nobody"; f[ProfileFields.City] = "Lviv"; });

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Equal(ContactCreator.NoIdentifier, invalid.Errors[ProfileFields.Email]);
        await using var db = NewContext();
        Assert.False(await db.Contacts.AnyAsync(Ct));
    }

    [Fact]
    public async Task Invalid_fields_are_each_refused_with_their_reason()
    {
        var outcome = await CreateAsync(f => { f[ProfileFields.Email] = "not-an-address"; f[ProfileFields.BirthDate] = "2090-01-01"; });

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Contains(ProfileFields.Email, invalid.Errors.Keys);
        Assert.Contains(ProfileFields.BirthDate, invalid.Errors.Keys);
        Assert.DoesNotContain(ContactCreator.NoIdentifier, invalid.Errors.Values);
    }

    [Fact]
    public async Task A_new_contact_whose_address_is_blacklisted_starts_blacklisted()
    {
        await using (var db = NewContext())
        {
            db.EmailEvents.Add(new EmailEvent
            {
                Address = "spamtrap@example.com", Kind = EmailEventKind.BlacklistAdded, OccurredAt = Now.UtcDateTime.AddDays(-3),
                BlacklistReason = BlacklistReason.SpamTrap, BlacklistScope = BlacklistScope.System,
            });
            await db.SaveChangesAsync(Ct);
        }

        var created = Assert.IsType<SaveOutcome.Created>(await CreateAsync(f => f[ProfileFields.Email] = "spamtrap@example.com"));

        await using var read = NewContext();
        var stored = await read.Contacts.SingleAsync(c => c.Id == created.ContactId, Ct);
        Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.SpamTrap), (stored.EmailStatus, stored.BlacklistReason));
    }

    [Fact]
    public async Task A_viewer_cannot_create_a_contact()
    {
        var outcome = await CreateAsync(f => f[ProfileFields.Email] = "someone@example.com", TestUsers.Viewer());

        Assert.IsType<SaveOutcome.Forbidden>(outcome);
        await using var db = NewContext();
        Assert.False(await db.Contacts.AnyAsync(Ct));
    }
}
