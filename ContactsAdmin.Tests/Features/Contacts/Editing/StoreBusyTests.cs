using System.Data.Common;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Contacts.Editing;

/// <summary>
/// A UI edit while another connection holds the store's write lock beyond the busy timeout: the card's save and the
/// email status actions report "the store is busy" (nothing written, the same edit can be saved again) instead of
/// throwing into the page, which would end the circuit.
/// </summary>
public class StoreBusyTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private ContactEditor editor = null!;
    private EmailStatusActions actions = null!;

    /// <summary>Gives up on a lock after 100 ms instead of the app's 10 s, so a test need not wait that long.</summary>
    private sealed class ShortBusyTimeout : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 100";
            command.ExecuteNonQuery();
        }
    }

    // The app's services, on connections of their own (Microsoft.Data.Sqlite retries a busy statement for the
    // command timeout too: 1 s here) with the short busy timeout.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Contacts"] = Database.ConnectionString + ";Default Timeout=1",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddStoreInterceptors(new ShortBusyTimeout());

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        editor = new ContactEditor(Factory, TestAuthorization.AppPolicies(), clock, new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock), EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
        actions = new EmailStatusActions(Factory, new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default), TestAuthorization.AppPolicies(), clock);
    }

    /// <summary>Another connection holds the write lock until disposed (as a long bulk write or another process would).</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var holder = new SqliteConnection(Database.ConnectionString + ";Pooling=False");
        await holder.OpenAsync(Ct);
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync(Ct);
        return holder;
    }

    [Fact]
    public async Task Saving_the_card_while_the_store_is_locked_reports_busy_writes_nothing_and_the_same_edit_saves_afterwards()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        var (loaded, version, _) = (await editor.LoadAsync(contact.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.FirstName] = "Oksana";

        SaveOutcome whileLocked;
        await using (await HoldWriteLockAsync())
            whileLocked = await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);

        Assert.IsType<SaveOutcome.Busy>(whileLocked);
        await using (var db = NewContext())
            Assert.Equal("Olena", (await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id, Ct)).FirstName);
        Assert.IsType<SaveOutcome.Saved>(await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct));
    }

    [Fact]
    public async Task An_email_status_action_while_the_store_is_locked_is_refused_as_busy()
    {
        await Store.ContactAsync(c => c.Email = "olena@example.com");

        EmailActionOutcome whileLocked;
        await using (await HoldWriteLockAsync())
            whileLocked = await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Marketer(), Ct);

        Assert.Equal(StoreBusy.Message, Assert.IsType<EmailActionOutcome.Refused>(whileLocked).Reason);
        Assert.IsType<EmailActionOutcome.Done>(await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Marketer(), Ct));
    }
}
