using Bunit;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Card;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts.Card;

/// <summary>What the card says in words: the age beside the birth date, the email log and status headline.</summary>
public class CardWordingTests : ComponentTestContext
{
    private static ContactCard Card(Action<Contact>? configure = null, EmailStatusState? emailState = null, IReadOnlyList<EmailEvent>? events = null)
    {
        var contact = new Contact
        {
            Id = 7, FirstName = "Olena", Email = "olena@example.com", EmailNormalized = "olena@example.com", EmailStatus = EmailStatus.Active,
            CreatedAt = Now.UtcDateTime.AddDays(-10), LastEditAt = Now.UtcDateTime.AddDays(-1),
        };
        configure?.Invoke(contact);
        return new ContactCard(contact, [], [], [], emailState, events ?? [], []);
    }

    // The clock reads 29 Nov 2026, 10:00 UTC.
    [Theory]
    [InlineData("UTC", 1990, 11, 29, "29 Nov 1990 (36 years)")]
    [InlineData("UTC", 1990, 11, 30, "30 Nov 1990 (35 years)")]
    [InlineData("Pacific/Kiritimati", 1990, 11, 30, "30 Nov 1990 (36 years)")]   // already 30 Nov there
    [InlineData("UTC", 2000, 2, 29, "29 Feb 2000 (26 years)")]
    public void The_age_beside_the_birth_date_counts_birthdays_reached_on_the_users_day(string userZone, int year, int month, int day, string shown)
    {
        Services.GetRequiredService<UserTimeZone>().SetSaved(userZone);

        var section = Render<PersonalDataSection>(p => p.Add(c => c.Card, Card(c => c.BirthDate = new DateOnly(year, month, day))));

        Assert.Equal(shown, section.Find("[data-fact='Birth date'] .fact-value").TextContent.Trim());
    }

    [Fact]
    public void The_email_log_and_the_headline_speak_in_words_and_name_the_list()
    {
        var at = new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc);
        var events = new List<EmailEvent>
        {
            new() { Id = 2, Address = "olena@example.com", Kind = EmailEventKind.BlacklistAdded, OccurredAt = at, Actor = "admin@example.com",
                    BlacklistReason = BlacklistReason.Manual, BlacklistScope = BlacklistScope.Local, Note = "Asked never to be written to" },
            new() { Id = 1, Address = "olena@example.com", Kind = EmailEventKind.Unsubscribed, OccurredAt = at.AddDays(-2), Actor = "admin@example.com",
                    UnsubscribeReason = UnsubscribeReason.ByUserOnRequest },
        };
        var state = EmailStatusRules.Fold(events);
        var section = Render<EmailStatusSection>(p => p.Add(c => c.Card, Card(c => state.ApplyTo(c), state, events)));

        Assert.Equal("Blacklisted by an Admin (local list)", section.Find("#email-status-scope").TextContent.Trim());
        var rows = section.FindAll("#email-events tbody tr").Select(r => r.QuerySelector("[data-label=Event]")!.TextContent.Trim()).ToList();
        Assert.Equal(["Blacklisted by an Admin (local list)", "Unsubscribed on request"], rows);
        Assert.DoesNotContain("ByUserOnRequest", section.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Manual, Local", section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_automatic_blacklisting_says_it_is_on_the_system_list()
    {
        var events = new List<EmailEvent>
        {
            new() { Id = 1, Address = "olena@example.com", Kind = EmailEventKind.HardBounce, OccurredAt = Now.UtcDateTime.AddDays(-1), SmtpCode = "5.1.1" },
        };
        var state = EmailStatusRules.Fold(events);

        var section = Render<EmailStatusSection>(p => p.Add(c => c.Card, Card(c => state.ApplyTo(c), state, events)));

        Assert.Equal("Blacklisted automatically (system list)", section.Find("#email-status-scope").TextContent.Trim());
    }
}
