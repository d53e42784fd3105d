using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The `import` subcommand on a temp database, end to end.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ImportCommandTests : StoreTest
{
    [Fact]
    public async Task Import_reads_a_file_prints_the_counts_and_writes_the_bad_rows_beside_it()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "list.csv");
        await File.WriteAllTextAsync(file, "E-mail;Vorname;Shoe size\nolena@example.com;Olena;38\nnope;Taras;44\n", new UTF8Encoding(true), Ct);

        var (exitCode, output) = await RunAsync("import", file, "--mapping", "auto");

        Assert.Equal(0, exitCode);
        Assert.Contains("list.csv: UTF-8 with BOM, semicolon-separated, with a header.", output);
        Assert.Contains("E-mail -> Email", output);
        Assert.Contains("Shoe size -> skip", output);
        Assert.Contains("Importing", output);
        Assert.Contains("Imported 2 rows in", output);
        Assert.Contains("1 new, 0 updated, 0 unchanged, 0 skipped, 1 with errors.", output);
        var report = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "list.errors.csv"), Ct);
        Assert.StartsWith("3,E-mail,nope,", report[1], StringComparison.Ordinal);
        await using var db = NewContext();
        var contact = await db.Contacts.SingleAsync(Ct);
        Assert.Equal(("Olena", "Import: list.csv"), (contact.FirstName, contact.LastEditBy));

        var (_, again) = await RunAsync("import", file, "--dry-run");
        Assert.Contains("0 new, 0 updated, 1 unchanged, 0 skipped, 1 with errors.", again);
    }

    [Fact]
    public async Task Import_takes_a_mapping_file_and_fails_with_exit_code_1_on_a_file_it_cannot_read()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "list.csv");
        var mapping = Path.Combine(folder.Path, "mapping.json");
        await File.WriteAllTextAsync(file, "Address,Who\nolena@example.com,Olena\n", Ct);
        await File.WriteAllTextAsync(mapping, """{"Address": "Email", "Who": "LastName"}""", Ct);

        var (exitCode, _) = await RunAsync("import", file, "--mapping", mapping, "--mode", "CreateOnly");
        var (missing, output) = await RunAsync("import", Path.Combine(folder.Path, "missing.csv"));

        Assert.Equal(0, exitCode);
        await using var db = NewContext();
        Assert.Equal("Olena", (await db.Contacts.SingleAsync(Ct)).LastName);
        Assert.Equal(1, missing);
        Assert.Contains("Cannot import", output);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Database.StoreSettings)
            .Build();
        var exitCode = await ContactsCommandLine.RunAsync(args, output, configuration);
        return (exitCode, output.ToString());
    }
}
