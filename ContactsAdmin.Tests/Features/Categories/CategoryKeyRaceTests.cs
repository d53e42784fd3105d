using ContactsAdmin.Data;
using ContactsAdmin.Features.Categories;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Categories;

/// <summary>Two Admins choosing the same key at once: the one who writes second gets the key's field error, not a crash.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CategoryKeyRaceTests : StoreTest
{
    /// <summary>Stores a category with the key being created just before the service's own write, as another Admin would.</summary>
    private sealed class OtherAdminFirst(TestDatabase database) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            var adding = eventData.Context!.ChangeTracker.Entries<SubscriptionCategory>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            foreach (var category in adding)
            {
                await using var other = database.NewContext();
                other.SubscriptionCategories.Add(new SubscriptionCategory { Key = category.Key, Name = "Taken meanwhile" });
                await other.SaveChangesAsync(ct);
            }
            return result;
        }
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddStoreInterceptors(new OtherAdminFirst(Database));

    [Fact]
    public async Task A_key_taken_by_another_admin_meanwhile_is_refused_under_the_key_field()
    {
        var categories = new CategorySettings(Factory, TestAuthorization.AppPolicies(), TimeProvider.System);

        var outcome = await categories.CreateAsync(new("Offers", "offers", null), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<CategoryOutcome.Invalid>(outcome);
        Assert.Equal("Another category already has the key offers.", invalid.Errors[CategoryInput.Key]);
    }
}
