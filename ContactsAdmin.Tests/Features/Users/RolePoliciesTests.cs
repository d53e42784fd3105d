using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Users;

/// <summary>
/// Who may do what is the registered policies' rule alone: with the policies registered differently (here, the
/// roles swapped round), the services allow and refuse differently, so no service keeps a role list of its own.
/// </summary>
public class RolePoliciesTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    // Viewers may edit and Marketers manage the blacklist; Admins neither.
    private static readonly IAuthorizationService Swapped = TestAuthorization.With(services => services.AddAuthorizationBuilder()
        .AddPolicy(Policies.CanEdit, policy => policy.RequireRole(Roles.Viewer))
        .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Roles.Marketer)));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
    }

    [Fact]
    public async Task The_contact_editor_saves_for_whom_the_edit_policy_allows()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        var editor = new ContactEditor(Factory, Swapped, clock, new ContactFormChecks(Factory, new ContactsOptions(), clock), EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
        var (loaded, version, _) = (await editor.LoadAsync(contact.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.FirstName] = "Olga";

        var byMarketer = await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);
        var byViewer = await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Viewer(), ct: Ct);

        Assert.IsType<SaveOutcome.Forbidden>(byMarketer);
        Assert.IsType<SaveOutcome.Saved>(byViewer);
    }

    [Fact]
    public async Task Subscriptions_change_for_whom_the_edit_policy_allows()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var contact = await Store.ContactAsync();
        var subscriptions = new SubscriptionEditor(Factory, Swapped, clock);

        Assert.False(await subscriptions.SetAsync(contact.Id, newsletter.Id, true, TestUsers.Admin(), Ct));
        Assert.True(await subscriptions.SetAsync(contact.Id, newsletter.Id, true, TestUsers.Viewer(), Ct));
    }

    [Fact]
    public async Task Email_status_actions_follow_the_edit_and_admin_policies()
    {
        await Store.ContactAsync(c => c.Email = "olena@example.com");
        var actions = new EmailStatusActions(Factory, new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default), Swapped, clock);

        Assert.IsType<EmailActionOutcome.Refused>(await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Admin(), Ct));
        Assert.IsType<EmailActionOutcome.Done>(await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Viewer(), Ct));
        Assert.IsType<EmailActionOutcome.Refused>(await actions.BlacklistAsync("olena@example.com", "x", TestUsers.Admin(), ct: Ct));
        Assert.IsType<EmailActionOutcome.Done>(await actions.BlacklistAsync("olena@example.com", "x", TestUsers.Marketer(), ct: Ct));
        Assert.IsType<EmailActionOutcome.Refused>(await actions.RemoveFromBlacklistAsync("olena@example.com", "x", TestUsers.Admin(), Ct));
        Assert.IsType<EmailActionOutcome.Done>(await actions.RemoveFromBlacklistAsync("olena@example.com", "x", TestUsers.Marketer(), Ct));
    }
}
