using Bunit;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Card;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Validation;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Contacts.Card;

public class CardSectionRenderingTests : ComponentTestContext
{
    private static CustomFieldDefinition Field(CustomFieldType type, string label = "Field") =>
        new() { Id = 1, Key = "field", Label = label, Type = type, Options = ["bronze", "gold"] };

    private static ContactCard Card(Action<Contact>? configure = null, IReadOnlyList<CardFieldGroup>? groups = null,
        EmailStatusState? emailState = null, IReadOnlyList<EmailEvent>? events = null)
    {
        var contact = new Contact
        {
            Id = 42, FirstName = "Olena", LastName = "Koval", Email = "olena@example.com", EmailNormalized = "olena@example.com",
            EmailStatus = EmailStatus.Active, CreatedAt = ComponentTestContext.Now.UtcDateTime.AddDays(-10),
            LastEditAt = ComponentTestContext.Now.UtcDateTime.AddDays(-1), Source = ContactSource.SubscriptionForm,
        };
        configure?.Invoke(contact);
        return new ContactCard(contact, [], groups ?? [], [], emailState, events ?? [], []);
    }

    [Theory]
    [InlineData(CustomFieldType.Date, "2026-03-03", "3 Mar 2026", "date")]
    [InlineData(CustomFieldType.Boolean, "yes", "Yes", "boolean")]
    [InlineData(CustomFieldType.Boolean, "no", "No", "boolean")]
    [InlineData(CustomFieldType.Choice, "gold", "gold", "choice")]
    [InlineData(CustomFieldType.Number, "1250.5", "1,250.5", "number")]
    [InlineData(CustomFieldType.Text, "Garden tools", "Garden tools", "text")]
    public void Each_custom_field_type_is_shown_in_its_own_form(CustomFieldType type, string stored, string shown, string kind)
    {
        var field = Field(type);
        var value = CustomFieldRules.Value(field, stored).Value;

        var view = Render<CustomFieldValueView>(p => p.Add(c => c.Field, field).Add(c => c.Value, value));

        var element = view.Find($"[data-type={kind}]");
        Assert.Equal(shown, element.TextContent.Trim());
    }

    [Fact]
    public void An_empty_history_says_since_creation_only_when_the_contact_was_never_edited()
    {
        var edited = Render<ChangeHistorySection>(p => p.Add(c => c.Card, Card()));
        var untouched = Render<ChangeHistorySection>(p => p.Add(c => c.Card, Card(c => c.LastEditAt = c.CreatedAt)));

        Assert.Equal("No changes are recorded for this contact.", edited.Find("#change-history-empty").TextContent.Trim());
        Assert.Equal("No changes since the contact was created.", untouched.Find("#change-history-empty").TextContent.Trim());
    }

    [Fact]
    public void A_missing_custom_field_value_shows_a_dash()
    {
        var view = Render<CustomFieldValueView>(p => p.Add(c => c.Field, Field(CustomFieldType.Text)).Add(c => c.Value, null));

        Assert.Equal("—", view.Find("span").TextContent);
    }

    [Fact]
    public void A_text_value_with_markup_is_shown_as_text_not_as_html()
    {
        var field = Field(CustomFieldType.Text);
        var value = new TypedFieldValue(Text: "<script>alert('x')</script><b>bold</b>");

        var view = Render<CustomFieldValueView>(p => p.Add(c => c.Field, field).Add(c => c.Value, value));

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("b"));
        Assert.Equal("<script>alert('x')</script><b>bold</b>", view.Find("[data-type=text]").TextContent);
    }

    [Theory]
    [InlineData(EmailStatus.Active, "Active")]
    [InlineData(EmailStatus.Unsubscribed, "Unsubscribed")]
    [InlineData(EmailStatus.ReportedSpam, "Reported spam")]
    [InlineData(EmailStatus.Blacklisted, "Blacklisted")]
    [InlineData(EmailStatus.NoEmail, "No email")]
    public void The_email_status_chip_names_each_status(EmailStatus status, string label)
    {
        var chip = Render<EmailStatusChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(label, chip.Find(".email-status-chip").TextContent.Trim());
        Assert.Equal(status.ToString(), chip.Find(".email-status-chip").GetAttribute("data-status"));
    }

    [Fact]
    public void Personal_data_shows_the_age_the_address_and_custom_fields_grouped()
    {
        var tier = Field(CustomFieldType.Choice, "Loyalty tier");
        var card = Card(c =>
            {
                c.BirthDate = new DateOnly(1992, 11, 30);
                c.Country = "UA";
                c.City = "Kyiv";
                c.TimeZone = "Europe/Kyiv";
            },
            groups: [new CardFieldGroup("Loyalty", [new CardFieldValue(tier, new TypedFieldValue(Text: "gold"))])]);

        var section = Render<PersonalDataSection>(p => p.Add(c => c.Card, card));

        Assert.Contains("30 Nov 1992 (33 years)", Fact(section, "Birth date"));
        Assert.Contains("Kyiv, Ukraine (UA)", Fact(section, "Address"));
        Assert.Contains("Europe/Kyiv (now 12:00, UTC+02:00)", Fact(section, "Time zone"));
        Assert.Contains("Loyalty", section.Markup);
        Assert.Equal("gold", section.Find("[data-fact='Loyalty tier'] [data-type=choice]").TextContent.Trim());
    }

    [Fact]
    public void A_marketer_sees_the_edit_control_and_a_viewer_does_not()
    {
        var marketerView = Render<IdentifiersSection>(p => p.Add(c => c.Card, Card()));
        Assert.NotEmpty(marketerView.FindAll(".edit-contact"));

        SignInAsViewer();
        var viewerView = Render<IdentifiersSection>(p => p.Add(c => c.Card, Card()));
        Assert.Empty(viewerView.FindAll(".edit-contact"));
    }

    [Fact]
    public void A_blacklisted_email_is_crossed_out_on_the_card()
    {
        var section = Render<IdentifiersSection>(p => p.Add(c => c.Card, Card(c => c.EmailStatus = EmailStatus.Blacklisted)));

        Assert.Contains("blacklisted", section.Find("#contact-email").ClassList);
    }

    [Fact]
    public void The_email_status_section_shows_the_reason_every_status_that_holds_and_the_events()
    {
        var bounced = new DateTime(2026, 3, 3, 10, 15, 0, DateTimeKind.Utc);
        var events = new List<EmailEvent>
        {
            new() { Id = 2, Address = "olena@example.com", Kind = EmailEventKind.HardBounce, OccurredAt = bounced, SmtpCode = "5.1.1", MessageName = "Spring sale", Diagnostic = "550 5.1.1 user unknown" },
            new() { Id = 1, Address = "olena@example.com", Kind = EmailEventKind.Unsubscribed, OccurredAt = bounced.AddDays(-5), UnsubscribeReason = UnsubscribeReason.UnsubscribeLink },
        };
        var state = EmailStatusRules.Fold(events);
        var card = Card(c => { state.ApplyTo(c); }, emailState: state, events: events);

        var section = Render<EmailStatusSection>(p => p.Add(c => c.Card, card));

        Assert.Equal(state.Reason, section.Find("#email-status-reason").TextContent.Trim());
        Assert.Contains("5.1.1", section.Find("#email-status-reason").TextContent);
        var holding = section.FindAll("#email-statuses-holding .email-status-chip").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Blacklisted", "Unsubscribed"], holding.Order());
        var rows = section.FindAll("#email-events tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Hard bounce", rows[0].TextContent);
        Assert.Contains("550 5.1.1 user unknown", rows[0].TextContent);
    }

    [Fact]
    public void A_contact_without_email_says_so_in_the_email_status_section()
    {
        var section = Render<EmailStatusSection>(p => p.Add(c => c.Card, Card(c => { c.Email = null; c.EmailStatus = EmailStatus.NoEmail; })));

        Assert.Contains("The contact has no email address.", section.Markup);
    }

    private static string Fact(IRenderedComponent<PersonalDataSection> section, string label) =>
        section.Find($"[data-fact='{label}'] .fact-value").TextContent.Trim();
}
