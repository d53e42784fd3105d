using ContactsAdmin.Features.Import;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The import page's list of past imports.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class PastImportsTests : StoreTest
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddContactsJobs();

    [Fact]
    public async Task Past_imports_are_the_real_ones_newest_first_without_dry_runs()
    {
        var first = await ImportJobStore.StartAsync(Services, "march.csv", ["Mail"], ["Email"]);
        await ImportJobStore.StartAsync(Services, "april.csv", ["Mail"], ["Email"], dryRun: true);
        var second = await ImportJobStore.StartAsync(Services, "april.csv", ["Mail"], ["Email"]);

        var past = await Services.GetRequiredService<PastImports>().ListAsync(Ct);

        Assert.Equal([(second, "april.csv"), (first, "march.csv")], past.Select(p => (p.Job.Id, p.FileName)));
    }
}
