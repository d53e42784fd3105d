using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin erases a contact from its card; the person coming back through the public form is as unmailable as before.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactEraseBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_erased_person_sent_again_through_the_form_arrives_blacklisted_as_before()
    {
        var tag = Tag();
        var email = $"mykola.{tag}@example.com";
        var store = new StoreBuilder(Fixture.Database);
        var since = new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Utc);
        var contact = await store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.EmailNormalized) = ("Mykola", "Erased" + tag, email, email);
            (c.EmailStatus, c.EmailStatusSince, c.BlacklistReason, c.BlacklistScope) = (EmailStatus.Blacklisted, since, BlacklistReason.Manual, BlacklistScope.Local);
        });
        var form = new SubscriptionForm { Key = "erase-" + tag, Name = "Footer " + tag };
        await using (var db = Fixture.Database.NewContext())
        {
            db.EmailEvents.Add(new EmailEvent
            {
                Address = email, ContactId = contact.Id, Kind = EmailEventKind.BlacklistAdded, OccurredAt = since,
                BlacklistReason = BlacklistReason.Manual, BlacklistScope = BlacklistScope.Local, Actor = "admin@example.com",
            });
            db.BlacklistEntries.Add(new BlacklistEntry { Address = email, Reason = BlacklistReason.Manual, Scope = BlacklistScope.Local, AddedAt = since });
            db.SubscriptionForms.Add(form);
            await db.SaveChangesAsync(Ct);
        }
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#download-contact-data")).ToBeVisibleAsync();

        await page.Locator("#erase-contact").ClickAsync();
        var dialog = page.Locator("#erase-contact-dialog");
        await Expect(dialog.Locator("#erase-contact-question")).ToContainTextAsync($"Mykola Erased{tag}");
        await Expect(dialog.Locator("#erase-contact-stays")).ToContainTextAsync("one-way hash");
        await Expect(page.Locator("#erase-contact-confirm")).ToBeDisabledAsync();
        await CheckInEachWindowAndThemeAsync(page, contact.Id);

        await dialog.Locator("#erase-contact-confirm-text").FillAsync("not it");
        await Expect(page.Locator("#erase-contact-confirm")).ToBeDisabledAsync();
        await dialog.Locator("#erase-contact-confirm-text").FillAsync(email.ToUpperInvariant());
        await Expect(page.Locator("#erase-contact-confirm")).ToBeEnabledAsync();
        await page.Locator("#erase-contact-confirm").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Erased contact #{contact.Id}");

        // The same address through the public form, as a website posts it.
        using (var http = new HttpClient { BaseAddress = Fixture.BaseUrl })
        {
            using var posted = await http.PostAsync($"forms/{form.Key}",
                new StringContent($$"""{ "email": "{{email}}", "firstName": "Mykola" }""", Encoding.UTF8, "application/json"), Ct);
            Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}");
        }
        var back = await SeededContactIdAsync(email);
        Assert.NotEqual(contact.Id, back);

        await page.GotoAsync($"contacts/{back}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contact-email-status")).ToContainTextAsync("Blacklisted");
        await Expect(page.Locator("#email-status-reason")).ToContainTextAsync(SuppressionRestore.Note);
        await Stillness.WaitAsync(page);
        await Screenshots.SaveAsync(page, "contact-erased-returns.png");
    }

    /// <summary>axe on the open dialog at 1440 and 390 px, light and dark, with a picture of each (the dialog is reopened after the theme changes).</summary>
    private static async Task CheckInEachWindowAndThemeAsync(IPage page, long contactId)
    {
        foreach (var dark in new[] { false, true })
        {
            if (dark)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
                await page.GotoAsync($"contacts/{contactId}");
                await WaitForInteractiveAsync(page);
                await Stillness.WaitForThemeAsync(page, dark: true);
                await page.Locator("#erase-contact").ClickAsync();
                await Expect(page.Locator("#erase-contact-question")).ToBeVisibleAsync();
            }
            foreach (var (width, height) in new[] { (1440, 900), (390, 844) })
            {
                await BrowserWindow.ResizeAsync(page, width, height);
                await Stillness.WaitAsync(page);
                await WcagChecks.AssertAccessibleAsync(page);
                await Screenshots.SaveAsync(page, $"contact-erase-dialog{(width == 1440 ? "" : "-390")}{(dark ? "-dark" : "")}.png");
            }
            await BrowserWindow.ResizeAsync(page, 1280, 800);
            await Stillness.WaitAsync(page);
            await Screenshots.SaveAsync(page, $"contact-erase-dialog-1280{(dark ? "-dark" : "")}.png");
        }
        await BrowserWindow.ResizeAsync(page, 1440, 900);
    }
}
