using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.CommandLine;

/// <summary>The executable's subcommands, run in-process against a temporary database.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactsCommandLineTests : StoreTest
{
    [Fact]
    public async Task Apikey_create_prints_the_key_alone_on_the_last_line_and_stores_only_its_hash()
    {

        var (exitCode, output) = await RunAsync(Database, "apikey", "create", "shop");

        Assert.Equal(0, exitCode);
        var key = Lines(output)[^1];
        Assert.Matches(@"^ca_[A-Za-z0-9_-]{40,}$", key);

        var found = await new ApiKeyService(Factory, TimeProvider.System).FindActiveAsync(key, Ct);
        Assert.NotNull(found);
        Assert.Equal("shop", found.Name);
        Assert.Equal(ApiKeyService.Hash(key), found.KeyHash);

        var stored = await EveryValueIn(Database, "ApiKeys");
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, value => value.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Email_status_recompute_rebuilds_drifted_columns_and_says_how_many_changed()
    {
        var contact = await Store.ContactAsync(c => c.Email = "bounced@example.com");
        await using (var db = NewContext())
        {
            db.EmailEvents.Add(new EmailEvent { Address = "bounced@example.com", Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1", OccurredAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var (firstExit, first) = await RunAsync(Database, "email-status", "recompute");
        var (_, second) = await RunAsync(Database, "email-status", "recompute");

        Assert.Equal(0, firstExit);
        Assert.Contains("Checked 1 contacts: 1 email status(es) differed from their log and were rebuilt.", first);
        Assert.Contains("every email status already matched its log", second);
        await using var check = NewContext();
        Assert.Equal(EmailStatus.Blacklisted, (await check.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).EmailStatus);
    }

    [Fact]
    public async Task Users_add_creates_a_user_in_the_role_with_a_printed_password_that_works()
    {

        var (exitCode, output) = await RunAsync(Database, "users", "add", "someone@example.com", "--role", "Marketer");

        Assert.Equal(0, exitCode);
        Assert.Contains("Created someone@example.com as Marketer.", output);
        var password = Assert.Single(Lines(output), line => line.StartsWith("Password: ", StringComparison.Ordinal))["Password: ".Length..];

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("someone@example.com");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Marketer));
        Assert.True(await users.CheckPasswordAsync(user, password));
    }

    [Fact]
    public async Task Users_add_with_an_unknown_role_says_which_roles_exist_and_fails()
    {

        var (exitCode, output) = await RunAsync(Database, "users", "add", "someone@example.com", "--role", "Boss");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown role 'Boss'", output);
        Assert.Contains("Admin, Marketer, Viewer", output);
        await using var db = NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "someone@example.com", Ct));
    }

    [Fact]
    public async Task Seed_creates_the_number_of_contacts_asked_for()
    {

        var (exitCode, output) = await RunAsync(Database, "seed", "--contacts", "30");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"Seeded 30 contacts and [\d,]+ activities \([\d,]+ rows\) in [\d.]+ s: [\d,]+ rows/s\.", output);
        Assert.Equal(30, await CountContacts(Database));
    }

    [Fact]
    public async Task Seed_adds_nothing_when_there_are_contacts_already()
    {
        Assert.Equal(0, (await RunAsync(Database, "seed", "--contacts", "30")).ExitCode);

        var (exitCode, output) = await RunAsync(Database, "seed", "--contacts", "30");

        Assert.Equal(1, exitCode);
        Assert.Contains("nothing was added", output);
        Assert.Contains("--fresh", output);
        Assert.Equal(30, await CountContacts(Database));
    }

    [Fact]
    public async Task Seed_fresh_replaces_the_contacts()
    {
        Assert.Equal(0, (await RunAsync(Database, "seed", "--contacts", "30")).ExitCode);

        var (exitCode, output) = await RunAsync(Database, "seed", "--contacts", "12", "--fresh");

        Assert.Equal(0, exitCode);
        Assert.Contains("Seeded 12 contacts and", output);
        Assert.Equal(12, await CountContacts(Database));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await ContactsCommandLine.RunAsync(args, output, Configuration(database));
        return (exitCode, output.ToString());
    }

    private static IConfiguration Configuration(TestDatabase database) => new ConfigurationBuilder()
        .AddInMemoryCollection(database.StoreSettings)
        .Build();

    // Progress bars redraw with '\r'; a line is what is left after the last one.
    private static string[] Lines(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('\r')[^1].Trim())
        .Where(line => line.Length > 0)
        .ToArray();

    private static async Task<int> CountContacts(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Contacts.CountAsync(Ct);
    }

    /// <summary>Every non-null value in every column of a table, as text.</summary>
    private static async Task<List<string>> EveryValueIn(TestDatabase database, string table)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            for (var column = 0; column < reader.FieldCount; column++)
            {
                if (!await reader.IsDBNullAsync(column, Ct))
                    values.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        return values;
    }
}
