using ContactsAdmin.Data;
using ContactsAdmin.Features.CustomFields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.CustomFields;

/// <summary>What an Admin's changes at /settings/fields do to the definitions, and what they are refused.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CustomFieldSettingsTests : StoreTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private CustomFieldSettings fields = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        fields = new CustomFieldSettings(Factory, TestAuthorization.AppPolicies(), new FakeTimeProvider(Now));
    }

    internal static CustomFieldDraft Draft(string label, string key, CustomFieldType type = CustomFieldType.Text, string group = "Personal",
        params string[] options) =>
        new(label, key, type, group, null, [.. options.Select(o => new OptionDraft(null, o))]);

    private async Task<CustomFieldRow> RowAsync(string key) =>
        (await fields.ListAsync(Ct)).SelectMany(g => g.Fields).Single(f => f.Key == key);

    private async Task<List<SettingsChange>> AuditAsync()
    {
        await using var db = NewContext();
        return await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_created_field_is_listed_in_its_new_group_after_the_others_with_who_created_it_and_the_audit_entry()
    {
        await Store.FieldAsync("old_field", CustomFieldType.Text);   // an older field: group Personal, no creator

        var outcome = await fields.CreateAsync(Draft(" Shoe size ", "shoe_size", CustomFieldType.Number, "Sizes") with { HelpText = " EU sizes " },
            TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        var groups = await fields.ListAsync(Ct);
        Assert.Equal(["Personal", "Sizes"], groups.Select(g => g.Name));
        var created = Assert.Single(groups[1].Fields);
        Assert.Equal(("shoe_size", "Shoe size", CustomFieldType.Number, "EU sizes", 0), (created.Key, created.Label, created.Type, created.HelpText, created.Values));
        Assert.Equal((Now.UtcDateTime, "admin@example.com"), (created.CreatedAt, created.CreatedBy));
        var old = Assert.Single(groups[0].Fields);
        Assert.Equal((null, null), (old.CreatedAt, old.CreatedBy));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((SettingsArea.CustomField, "shoe_size", "Created", "admin@example.com", null), (entry.Area, entry.Subject, entry.Action, entry.Actor, entry.Before));
        Assert.Contains("\"Group\":\"Sizes\"", entry.After);
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_under_the_key_field_and_nothing_is_stored()
    {
        await Store.FieldAsync("shoe_size", CustomFieldType.Text);

        var outcome = await fields.CreateAsync(Draft("Shoe size", "shoe_size"), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CustomFieldOutcome.Invalid>(outcome);
        Assert.Equal([CustomFieldInput.Key], invalid.Errors.Keys);
        Assert.Equal("Another field already has the key shoe_size.", invalid.Errors[CustomFieldInput.Key]);
        await using var db = NewContext();
        Assert.Equal(1, await db.CustomFieldDefinitions.CountAsync(Ct));
        Assert.Empty(await db.SettingsChanges.ToListAsync(Ct));
    }

    [Theory]
    [InlineData("Shoe Size")]
    [InlineData("2nd_phone")]
    [InlineData("shoe-size")]
    public async Task A_key_that_is_not_a_lowercase_slug_is_refused_under_the_key_field(string key)
    {
        var outcome = await fields.CreateAsync(Draft("Shoe size", key), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CustomFieldOutcome.Invalid>(outcome);
        Assert.Equal([CustomFieldInput.Key], invalid.Errors.Keys);
        Assert.Contains("lower-case letter", invalid.Errors[CustomFieldInput.Key]);
    }

    [Theory]
    [InlineData(new string[0], "Add at least one option.")]
    [InlineData(new[] { "gold", " " }, "Option 2 is empty: fill it in or remove it.")]
    [InlineData(new[] { "Gold", "silver", "gold" }, "The option gold is listed twice.")]
    public async Task A_list_field_with_no_blank_or_repeated_options_is_refused_under_the_options(string[] options, string message)
    {
        var outcome = await fields.CreateAsync(Draft("Tier", "tier", CustomFieldType.Choice, "Loyalty", options), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CustomFieldOutcome.Invalid>(outcome);
        Assert.Equal(message, invalid.Errors[CustomFieldInput.Options]);
    }

    [Fact]
    public async Task Empty_label_and_group_and_too_long_help_text_are_each_named()
    {
        var outcome = await fields.CreateAsync(Draft(" ", "tier", group: " ") with { HelpText = new string('x', 301) }, TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CustomFieldOutcome.Invalid>(outcome);
        Assert.Equal("Give the field a label.", invalid.Errors[CustomFieldInput.Label]);
        Assert.Equal("Give the field a group.", invalid.Errors[CustomFieldInput.Group]);
        Assert.Equal("The help text can be at most 300 characters.", invalid.Errors[CustomFieldInput.HelpText]);
    }

    [Theory]
    [InlineData("Shoe size (EU)", "shoe_size_eu")]
    [InlineData("Café crème", "cafe_creme")]
    [InlineData("2nd phone", "f_2nd_phone")]
    [InlineData("  ", "")]
    public void The_key_suggested_from_a_label_is_a_lowercase_slug(string label, string key) =>
        Assert.Equal(key, CustomFieldDefinitionRules.SuggestKey(label));

    [Fact]
    public async Task The_list_counts_the_contacts_holding_a_value_of_each_field()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);
        var vip = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        await Store.ValueAsync(await Store.ContactAsync(), size, "42");
        await Store.ValueAsync(await Store.ContactAsync(), size, "38");
        await Store.ContactAsync();

        Assert.Equal((2, 0), ((await RowAsync("shoe_size")).Values, (await RowAsync(vip.Key)).Values));
    }

    [Fact]
    public async Task Editing_changes_label_group_and_help_text_but_never_key_or_type_and_is_audited_with_before_and_after()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);

        var outcome = await fields.UpdateAsync(size.Id, Draft("Shoe size (EU)", "other_key", CustomFieldType.Text, "Sizes") with { HelpText = "As printed inside" },
            TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        var row = await RowAsync("shoe_size");
        Assert.Equal(("Shoe size (EU)", CustomFieldType.Number, "Sizes", "As printed inside"), (row.Label, row.Type, row.Group, row.HelpText));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(("shoe_size", "Edited"), (entry.Subject, entry.Action));
        Assert.Contains("\"Label\":\"shoe size\"", entry.Before);
        Assert.Contains("\"Label\":\"Shoe size (EU)\"", entry.After);
    }

    [Fact]
    public async Task Renaming_and_swapping_options_moves_the_stored_values_with_them()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Choice, "bronze", "silver", "gold");
        var (a, b, c) = (await Store.ContactAsync(), await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ValueAsync(a, tier, "bronze");
        await Store.ValueAsync(b, tier, "silver");
        await Store.ValueAsync(c, tier, "gold");

        // gold becomes Platinum, and bronze and silver swap names, listed in a new order.
        var draft = new CustomFieldDraft("Tier", null, CustomFieldType.Choice, "Personal", null,
            [new("gold", "Platinum"), new("bronze", "silver"), new("silver", "bronze")]);
        var outcome = await fields.UpdateAsync(tier.Id, draft, TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        Assert.Equal(["Platinum", "silver", "bronze"], (await RowAsync("tier")).Options);
        Assert.Equal(["silver", "bronze", "Platinum"], await ValuesAsync(tier.Id, a, b, c));
        Assert.Contains("ValuesMoved", Assert.Single(await AuditAsync()).After);
    }

    [Fact]
    public async Task Removing_an_option_contacts_hold_is_refused_with_their_number_until_the_admin_says_what_the_values_become()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Choice, "bronze", "silver", "gold");
        var (a, b, c) = (await Store.ContactAsync(), await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ValueAsync(a, tier, "bronze");
        await Store.ValueAsync(b, tier, "bronze");
        await Store.ValueAsync(c, tier, "silver");
        var draft = new CustomFieldDraft("Tier", null, CustomFieldType.Choice, "Personal", null, [new("gold", "gold")]);

        var refused = await fields.UpdateAsync(tier.Id, draft, TestUsers.Admin(), Ct);

        var inUse = Assert.IsType<CustomFieldOutcome.OptionsInUse>(refused);
        Assert.Equal([new OptionInUse("bronze", 2), new OptionInUse("silver", 1)], inUse.Options.OrderBy(o => o.Option));
        Assert.Equal(["bronze", "silver", "gold"], (await RowAsync("tier")).Options);

        var resolved = await fields.UpdateAsync(tier.Id, draft with
        {
            Replacements = new Dictionary<string, string?> { ["bronze"] = "GOLD", ["silver"] = null },
        }, TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(resolved);
        Assert.Equal(["gold"], (await RowAsync("tier")).Options);
        Assert.Equal(["gold", "gold", null], await ValuesAsync(tier.Id, a, b, c));
    }

    [Fact]
    public async Task Removing_an_option_of_a_several_of_a_list_field_counts_every_contact_holding_it_among_others()
    {
        var interests = await Store.FieldAsync("interests", CustomFieldType.MultiChoice, "sport", "travel", "art");
        await using (var db = NewContext())
        {
            // As the multi-choice rule stores them: the options between line feeds.
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = (await Store.ContactAsync()).Id, FieldId = interests.Id, TextValue = "\nsport\ntravel\n" });
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = (await Store.ContactAsync()).Id, FieldId = interests.Id, TextValue = "\ntravel\n" });
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = (await Store.ContactAsync()).Id, FieldId = interests.Id, TextValue = "\nart\n" });
            await db.SaveChangesAsync(Ct);
        }

        var outcome = await fields.UpdateAsync(interests.Id, new("Interests", null, CustomFieldType.MultiChoice, "Personal", null,
            [new("sport", "sport"), new("art", "art")]), TestUsers.Admin(), Ct);

        Assert.Equal([new OptionInUse("travel", 2)], Assert.IsType<CustomFieldOutcome.OptionsInUse>(outcome).Options);
    }

    [Fact]
    public async Task An_option_nobody_holds_is_removed_at_once()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Choice, "bronze", "gold");
        await Store.ValueAsync(await Store.ContactAsync(), tier, "gold");

        var outcome = await fields.UpdateAsync(tier.Id, new("Tier", null, CustomFieldType.Choice, "Personal", null, [new("gold", "gold")]),
            TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        Assert.Equal(["gold"], (await RowAsync("tier")).Options);
    }

    [Fact]
    public async Task Text_becomes_a_number_when_every_value_is_one_and_the_values_move_to_the_number_column()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Text);
        var (a, b) = (await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ValueAsync(a, size, "42");
        await Store.ValueAsync(b, size, " 38.5");

        var outcome = await fields.ChangeTypeAsync(size.Id, CustomFieldType.Number, [], TestUsers.Admin(), Ct);

        Assert.IsType<CustomFieldOutcome.Done>(outcome);
        await using var db = NewContext();
        var values = await db.CustomFieldValues.Where(v => v.FieldId == size.Id).OrderBy(v => v.ContactId).ToListAsync(Ct);
        Assert.Equal([(null, 42d), (null, 38.5d)], values.Select(v => (v.TextValue, v.NumberValue)));
        Assert.Equal(CustomFieldType.Number, (await RowAsync("shoe_size")).Type);
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal("Type changed", entry.Action);
        Assert.Contains("\"ValuesConverted\":2", entry.After);
    }

    [Fact]
    public async Task A_type_change_some_values_do_not_survive_is_refused_with_their_number_and_three_examples_and_nothing_changes()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Text);
        foreach (var text in new[] { "42", "large", "n/a", "XL", "one", "one" })
            await Store.ValueAsync(await Store.ContactAsync(), size, text);

        var outcome = await fields.ChangeTypeAsync(size.Id, CustomFieldType.Number, [], TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CustomFieldOutcome.Invalid>(outcome);
        var message = invalid.Errors[CustomFieldInput.Type];
        Assert.StartsWith("5 stored values do not convert to Number, e.g. ", message);
        Assert.Equal(3, message.Count(c => c == '“'));
        Assert.Equal(CustomFieldType.Text, (await RowAsync("shoe_size")).Type);
        await using var db = NewContext();
        Assert.Equal(0, await db.CustomFieldValues.CountAsync(v => v.NumberValue != null, Ct));
        Assert.Empty(await db.SettingsChanges.ToListAsync(Ct));
    }

    [Fact]
    public async Task Numbers_dates_and_yes_no_become_text_as_the_edit_form_shows_them()
    {
        var amount = await Store.FieldAsync("amount", CustomFieldType.Number);
        var vip = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        var contact = await Store.ContactAsync();
        await Store.ValueAsync(contact, amount, "1250.5");
        await Store.ValueAsync(contact, vip, "true");

        Assert.IsType<CustomFieldOutcome.Done>(await fields.ChangeTypeAsync(amount.Id, CustomFieldType.Text, [], TestUsers.Admin(), Ct));
        Assert.IsType<CustomFieldOutcome.Done>(await fields.ChangeTypeAsync(vip.Id, CustomFieldType.Text, [], TestUsers.Admin(), Ct));

        Assert.Equal(["1250.5"], await ValuesAsync(amount.Id, contact));
        Assert.Equal(["yes"], await ValuesAsync(vip.Id, contact));
    }

    [Fact]
    public async Task Text_becomes_a_choice_only_when_every_value_is_one_of_the_options()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Text);
        var (a, b) = (await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ValueAsync(a, tier, "GOLD");
        await Store.ValueAsync(b, tier, "silver");

        var refused = await fields.ChangeTypeAsync(tier.Id, CustomFieldType.Choice, ["gold"], TestUsers.Admin(), Ct);
        var converted = await fields.ChangeTypeAsync(tier.Id, CustomFieldType.Choice, ["gold", "silver"], TestUsers.Admin(), Ct);

        Assert.Contains("1 stored value does not convert to One of a list, e.g. “silver”", Assert.IsType<CustomFieldOutcome.Invalid>(refused).Errors[CustomFieldInput.Type]);
        Assert.IsType<CustomFieldOutcome.Done>(converted);
        Assert.Equal(["gold", "silver"], await ValuesAsync(tier.Id, a, b));
        Assert.Equal(["gold", "silver"], (await RowAsync("tier")).Options);
    }

    [Fact]
    public async Task A_field_nobody_holds_is_deleted_at_once()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);

        Assert.IsType<CustomFieldOutcome.Done>(await fields.DeleteAsync(size.Id, 0, TestUsers.Admin(), Ct));

        Assert.Empty(await fields.ListAsync(Ct));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(("Deleted", null), (entry.Action, entry.After));
    }

    [Fact]
    public async Task Deleting_a_field_contacts_hold_asks_to_confirm_how_many_values_go_then_removes_them()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);
        var other = await Store.FieldAsync("vip", CustomFieldType.Boolean);
        var contact = await Store.ContactAsync();
        await Store.ValueAsync(contact, size, "42");
        await Store.ValueAsync(await Store.ContactAsync(), size, "38");
        await Store.ValueAsync(contact, other, "yes");

        var unconfirmed = await fields.DeleteAsync(size.Id, 0, TestUsers.Admin(), Ct);
        var stale = await fields.DeleteAsync(size.Id, 1, TestUsers.Admin(), Ct);

        Assert.Equal(2, Assert.IsType<CustomFieldOutcome.NeedsConfirmation>(unconfirmed).Values);
        Assert.IsType<CustomFieldOutcome.NeedsConfirmation>(stale);
        Assert.Equal(2, (await RowAsync("shoe_size")).Values);

        Assert.IsType<CustomFieldOutcome.Done>(await fields.DeleteAsync(size.Id, 2, TestUsers.Admin(), Ct));

        await using var db = NewContext();
        Assert.Equal([other.Id], await db.CustomFieldValues.Select(v => v.FieldId).ToListAsync(Ct));
        Assert.Equal(["vip"], await db.CustomFieldDefinitions.Select(f => f.Key).ToListAsync(Ct));
        Assert.Contains("\"ValuesRemoved\":2", Assert.Single(await db.SettingsChanges.ToListAsync(Ct)).Before);
    }

    [Fact]
    public async Task Archiving_and_restoring_keep_the_values_and_are_audited()
    {
        var size = await Store.FieldAsync("shoe_size", CustomFieldType.Number);
        await Store.ValueAsync(await Store.ContactAsync(), size, "42");

        Assert.IsType<CustomFieldOutcome.Done>(await fields.ArchiveAsync(size.Id, TestUsers.Admin(), Ct));
        var archived = await RowAsync("shoe_size");
        Assert.Equal((Now.UtcDateTime, 1), (archived.ArchivedAt, archived.Values));

        Assert.IsType<CustomFieldOutcome.Done>(await fields.RestoreAsync(size.Id, TestUsers.Admin(), Ct));
        Assert.Null((await RowAsync("shoe_size")).ArchivedAt);
        Assert.Equal(["Archived", "Restored"], (await AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task Fields_move_within_their_group_and_groups_move_on_the_card_with_their_order_stored()
    {
        await fields.CreateAsync(Draft("A", "a", group: "One"), TestUsers.Admin(), Ct);
        await fields.CreateAsync(Draft("B", "b", group: "One"), TestUsers.Admin(), Ct);
        await fields.CreateAsync(Draft("C", "c", group: "Two"), TestUsers.Admin(), Ct);
        var b = await RowAsync("b");

        await fields.MoveAsync(b.Id, -1, TestUsers.Admin(), Ct);
        await fields.MoveGroupAsync("Two", -1, TestUsers.Admin(), Ct);

        var groups = await fields.ListAsync(Ct);
        Assert.Equal(["Two", "One"], groups.Select(g => g.Name));
        Assert.Equal(["b", "a"], groups[1].Fields.Select(f => f.Key));
        await using var db = NewContext();
        var stored = await db.CustomFieldGroups.OrderBy(g => g.SortOrder).Select(g => new { g.Name, g.SortOrder }).ToListAsync(Ct);
        Assert.Equal([("Two", 1), ("One", 2)], stored.Select(g => (g.Name, g.SortOrder)));
        Assert.Equal(["Created", "Created", "Created", "Moved", "Moved"], (await AuditAsync()).Select(e => e.Action));
        Assert.Equal("Group: Two", (await AuditAsync())[^1].Subject);
    }

    [Fact]
    public async Task A_group_typed_in_another_case_is_the_existing_group()
    {
        await fields.CreateAsync(Draft("A", "a", group: "Loyalty"), TestUsers.Admin(), Ct);

        await fields.CreateAsync(Draft("B", "b", group: "loyalty"), TestUsers.Admin(), Ct);

        Assert.Equal(["a", "b"], Assert.Single(await fields.ListAsync(Ct)).Fields.Select(f => f.Key));
    }

    [Fact]
    public async Task Marketers_and_viewers_are_refused_every_change()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Choice, "gold");

        foreach (var user in new[] { TestUsers.Marketer(), TestUsers.Viewer() })
        {
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.CreateAsync(Draft("Size", "size"), user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.UpdateAsync(tier.Id, Draft("Renamed", "tier", CustomFieldType.Choice, "X", "gold"), user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.ChangeTypeAsync(tier.Id, CustomFieldType.Text, [], user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.MoveAsync(tier.Id, 1, user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.MoveGroupAsync("Personal", 1, user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.ArchiveAsync(tier.Id, user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.RestoreAsync(tier.Id, user, Ct));
            Assert.IsType<CustomFieldOutcome.Refused>(await fields.DeleteAsync(tier.Id, 0, user, Ct));
        }

        var row = await RowAsync("tier");
        Assert.Equal(("tier", CustomFieldType.Choice, null), (row.Label, row.Type, row.ArchivedAt));
        Assert.Empty(await AuditAsync());
    }

    /// <summary>Each contact's value of the field as text (Choice and Text values), null where it has none.</summary>
    private async Task<List<string?>> ValuesAsync(int fieldId, params Contact[] contacts)
    {
        await using var db = NewContext();
        var values = await db.CustomFieldValues.Where(v => v.FieldId == fieldId).ToDictionaryAsync(v => v.ContactId, v => v.TextValue, Ct);
        return [.. contacts.Select(c => values.GetValueOrDefault(c.Id))];
    }
}
