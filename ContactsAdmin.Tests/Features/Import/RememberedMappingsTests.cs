using ContactsAdmin.Data;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The import page recalls the mapping of the newest import of a file with the same headers.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class RememberedMappingsTests : StoreTest
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddContactsJobs();

    private async Task<IReadOnlyList<string>?> RememberedAsync(params string[] columns)
    {
        var lookups = await Services.GetRequiredService<ContactImporter>().LookupsAsync(Ct);
        var mapping = await Services.GetRequiredService<RememberedMappings>().FindAsync(columns, lookups, Ct);
        return mapping?.Columns.Select(c => c.Text).ToList();
    }

    [Fact]
    public async Task The_newest_import_with_the_same_headers_wins_compared_without_case()
    {
        await ImportJobStore.StartAsync(Services, "march.csv", ["Mail", "Club"], ["Email", "skip"]);
        await ImportJobStore.StartAsync(Services, "april.csv", ["Mail", "Club"], ["Email", "City"]);

        Assert.Equal(["Email", "City"], await RememberedAsync("MAIL", "club"));
    }

    [Fact]
    public async Task Other_headers_are_not_remembered()
    {
        await ImportJobStore.StartAsync(Services, "march.csv", ["Mail", "Club"], ["Email", "City"]);

        Assert.Null(await RememberedAsync("Mail", "Club", "Phone"));
        Assert.Null(await RememberedAsync("Club", "Mail"));
        Assert.Null(await RememberedAsync("Mail"));
    }

    [Fact]
    public async Task A_remembered_custom_field_that_was_archived_since_comes_back_as_skip()
    {
        var field = await Store.FieldAsync("club", CustomFieldType.Text);
        await ImportJobStore.StartAsync(Services, "march.csv", ["Mail", "Club"], ["Email", "custom:club"]);
        Assert.Equal(["Email", "custom:club"], await RememberedAsync("Mail", "Club"));

        await using (var db = NewContext())
        {
            db.CustomFieldDefinitions.Attach(field);
            field.ArchivedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(["Email", "skip"], await RememberedAsync("Mail", "Club"));
    }
}
