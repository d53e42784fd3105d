using Bunit;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.ApiKeys;

/// <summary>The API keys page: keys with last use, a new key shown once, revoked keys greyed.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ApiKeysPageTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;
    private ApiKeyService keys = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        keys = new ApiKeyService(database.Factory, Clock);
        Services.AddSingleton(keys);
        Auth.SetAuthorized("admin@example.com");
        Auth.SetRoles(Roles.Admin);
        Auth.SetPolicies(ContactsAdmin.Setup.Policies.AdminOnly);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Keys_are_listed_with_their_scopes_last_use_and_status()
    {
        var used = await keys.CreateAsync("shop back end", "admin@example.com", ["events:write"], Ct);
        keys.MarkUsed((await keys.FindAsync(used.Key, Ct))!, Now.UtcDateTime);
        await keys.FlushLastUsesAsync(Ct);
        var old = await keys.CreateAsync("old app", "admin@example.com", ct: Ct);
        await keys.RevokeAsync(old.Id, ct: Ct);

        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#api-keys tbody tr").Count));
        var shop = page.Find($"tr[data-key-id='{used.Id}']").TextContent;
        Assert.Contains("Send events", shop);
        Assert.Contains("2026-11-29 10:00", shop);
        Assert.Contains("Active", shop);
        var revoked = page.Find($"tr[data-key-id='{old.Id}']");
        Assert.Contains("api-key-revoked", revoked.ClassList);
        Assert.Contains("Never", revoked.TextContent);
        Assert.Contains("Everything", revoked.TextContent);
        Assert.DoesNotContain(used.Key, page.Markup);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_only_its_hash_is_stored()
    {
        var page = Render<ApiKeysPage>();
        page.WaitForElement("#api-keys-empty");

        page.Find("#api-key-new").Click();
        // MudButton runs its click handler asynchronously: the form is drawn after it, not within Click().
        page.WaitForElement("#api-key-name").Input("warehouse");
        page.Find("#api-key-create").Click();

        page.WaitForElement("#api-key-created");
        var shown = page.Find("#api-key-value").TextContent.Trim();
        Assert.StartsWith("ca_", shown);
        await using var db = database.NewContext();
        var stored = await db.ApiKeys.SingleAsync(Ct);
        Assert.Equal(("warehouse", "admin@example.com", ApiKeyService.Hash(shown)), (stored.Name, stored.CreatedBy, stored.KeyHash));
        Assert.Equal(shown[..stored.Prefix.Length], stored.Prefix);

        // The next visit lists the key without showing it.
        var again = Render<ApiKeysPage>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("#api-keys tbody tr")));
        Assert.DoesNotContain(shown, again.Markup);
    }

    [Fact]
    public void A_key_needs_a_name()
    {
        var page = Render<ApiKeysPage>();
        page.WaitForElement("#api-keys-empty");

        page.Find("#api-key-new").Click();
        page.WaitForElement("#api-key-create").Click();

        Assert.Contains("Name the key.", page.Markup);
        Assert.Empty(page.FindAll("#api-key-created"));
    }
}
