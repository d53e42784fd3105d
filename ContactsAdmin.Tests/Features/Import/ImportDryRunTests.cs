using System.Text;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>A dry run counts what the real run of the same file would write, across the import's transactions.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ImportDryRunTests : StoreTest
{
    private ContactImporter Importer => Services.GetRequiredService<ContactImporter>();

    private async Task<ImportResult> ImportAsync(string csv, bool dryRun)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var sniff = await CsvSniffer.SniffAsync(stream, Ct);
        var lookups = await Importer.LookupsAsync(Ct);
        var mapping = MappingSuggestion.Suggest(sniff.Columns, ProfileFieldTable.Standard, lookups.Fields.Values, lookups.Categories.Values);
        return await Importer.RunAsync(stream, "list.csv", sniff.Format, mapping, new ImportOptions(DryRun: dryRun), ct: Ct);
    }

    /// <summary>A file naming <paramref name="email"/> on its first row and again after more rows than a transaction writes.</summary>
    private static string FileNamingTwice(string email, string firstName, string secondName)
    {
        var csv = new StringBuilder("Email,First Name\n");
        csv.Append(email).Append(',').Append(firstName).Append('\n');
        for (var i = 0; i < ImportLimits.RowsPerBatch + 10; i++) csv.Append("filler").Append(i).Append("@example.com,Filler\n");
        csv.Append(email).Append(',').Append(secondName).Append('\n');
        return csv.ToString();
    }

    [Fact]
    public async Task A_contact_named_again_a_batch_later_is_counted_as_the_real_run_writes_it_not_as_new_twice()
    {
        var csv = FileNamingTwice("twice@example.com", "Olena", "Olena Maria");

        var dryRun = await ImportAsync(csv, dryRun: true);
        await using (var db = NewContext()) Assert.Equal(0, await db.Contacts.CountAsync(Ct));   // the dry run wrote nothing
        var real = await ImportAsync(csv, dryRun: false);

        Assert.Equal(new ImportCounts(Created: ImportLimits.RowsPerBatch + 11, Updated: 1, Unchanged: 0, Skipped: 0, Errors: 0), real.Counts);
        Assert.Equal(real.Counts, dryRun.Counts);
    }

    [Fact]
    public async Task A_row_repeated_unchanged_a_batch_later_counts_as_unchanged_in_the_dry_run_too()
    {
        var csv = FileNamingTwice("same@example.com", "Taras", "Taras");

        var dryRun = await ImportAsync(csv, dryRun: true);

        Assert.Equal(new ImportCounts(Created: ImportLimits.RowsPerBatch + 11, Updated: 0, Unchanged: 1, Skipped: 0, Errors: 0), dryRun.Counts);
    }
}
