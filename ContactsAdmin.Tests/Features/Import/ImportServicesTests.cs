using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The import writes with the API's writer: the app registers that writer once, for both.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ImportServicesTests
{
    [Fact]
    public async Task The_app_registers_one_contact_writer_and_one_write_line_for_the_API_and_the_import()
    {
        await using var app = await AppFactory.CreateAsync();

        Assert.Single(app.Services.GetServices<IngestWriteGate>());
        Assert.Single(app.Services.GetServices<ContactIngest>());
        Assert.NotNull(app.Services.GetRequiredService<ContactImporter>());
    }
}
