using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Tests.Setup;

/// <summary>
/// Every section of the configuration is bound and checked before start-up does anything: a value that cannot work,
/// or cannot be read (text where a number belongs), stops the web app and the subcommands with a message naming its
/// key. A key left out keeps its default, the same for the API and the card.
/// </summary>
public class OptionsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Contacts:DefaultPhoneRegion", "XX1", "Contacts:DefaultPhoneRegion: use a two-letter region such as UA" },
        { "Contacts:DefaultPhoneRegion", "ZZ", "Contacts:DefaultPhoneRegion: use a two-letter region such as UA" },
        { "Contacts:GridCountCap", "0", "Contacts:GridCountCap: must be at least 1" },
        { "Contacts:GridCountCap", "many", "'Contacts:GridCountCap'" },
        { "Contacts:CountSampling:Slices", "8", "Contacts:CountSampling: Slices must be at least 16" },
        { "Contacts:CountSampling:MaxMargin", "a quarter", "'Contacts:CountSampling:MaxMargin'" },
        { "Api:MaxRequestBodyBytes", "0", "Api:MaxRequestBodyBytes: must be a number of bytes above 0" },
        { "Api:RateLimit:PermitLimit", "-1", "Api:RateLimit:PermitLimit: must be at least 1" },
        { "Api:FormRateLimit:Window", "00:00:00", "Api:FormRateLimit:Window: must be longer than zero" },
        { "EmailStatus:SoftBounceLimit", "0", "EmailStatus:SoftBounceLimit: must be at least 1" },
        { "EmailStatus:SoftBounceWindow", "a month", "'EmailStatus:SoftBounceWindow'" },
        { "Database:CreateIfMissing", "sometimes", "'Database:CreateIfMissing'" },
        { "Seed:AdminEmail", "admin", "Seed:AdminEmail: must be an email address" },
        { "Seed:Demo", "maybe", "'Seed:Demo'" },
        { "Seed:DemoContacts", "abc", "'Seed:DemoContacts'" },
        { "Seed:DemoContacts", "-5", "Seed:DemoContacts: must be 0 or more" },
        { "Accounts:RevalidationInterval", "-00:00:01", "Accounts:RevalidationInterval: must be zero or more" },
        { "Accounts:SignInRateLimit:PerAccount", "0", "Accounts:SignInRateLimit:PerAccount: must be at least 1" },
        { "Jobs:Concurrency", "0", "Jobs:Concurrency: must be from 1 to 8" },
        { "Jobs:HeartbeatSeconds", "0", "Jobs:HeartbeatSeconds: must be from 1 to 300" },
        { "Segments:RefreshAfterMinutes", "0", "Segments:RefreshAfterMinutes: must be from 1 to 10080" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_app_at_start_up_with_one_line_naming_its_key_and_exit_code_1(string key, string value, string message)
    {
        // A process, as an operator starts it: only there are the exit code and the printed line to be seen.
        using var folder = new TemporaryFolder();
        var database = Path.Combine(folder.Path, "contacts.db");

        var run = await AppProcess.RunAsync(folder.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__Contacts"] = $"Data Source={database}",
            [key.Replace(":", "__", StringComparison.Ordinal)] = value,
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.Lines));
        Assert.False(File.Exists(database), "start-up stopped before it created the store");
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_a_subcommand_with_a_line_naming_its_key(string key, string value, string message)
    {
        await using var store = new TestDatabase();
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contacts"] = store.ConnectionString,
            [key] = value,
        }).Build();

        var exitCode = await ContactsCommandLine.RunAsync(["init"], output, configuration);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(store.Path), "init created nothing");
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:Contacts: missing: with Database:Provider PostgreSQL it is the server's connection string")]
    [InlineData("Data Source=contacts.db", "ConnectionStrings:Contacts: ")]
    public async Task PostgreSQL_without_a_server_connection_string_stops_the_app_naming_the_key(string? connectionString, string message)
    {
        // As an operator would get it wrong: the provider switched, the shipped SQLite string (or none) left in place.
        using var folder = new TemporaryFolder();
        var run = await AppProcess.RunAsync(folder.Path, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Contacts"] = connectionString ?? "",
        });

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.Contains("Host=", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_left_out_keep_the_defaults_the_README_gives()
    {
        await using var store = new TestDatabase();   // never opened: only the settings are read
        await using var services = store.AppServices(configure: AddApiReader);

        services.ValidateSettings();

        Assert.Equal(("UA", 10_000), (services.GetRequiredService<ContactsOptions>().DefaultPhoneRegion, services.GetRequiredService<ContactsOptions>().GridCountCap));
        var sampling = services.GetRequiredService<IOptions<CountSampling>>().Value;
        Assert.Equal((50_000, 16, 100, 0.25), (sampling.SampleIds, sampling.Slices, sampling.MinMatches, sampling.MaxMargin));
        Assert.Equal(new EmailStatusRuleOptions { SoftBounceLimit = 3, SoftBounceWindow = TimeSpan.FromDays(30) }, services.GetRequiredService<EmailStatusRuleOptions>());
        Assert.Null(services.GetRequiredService<DatabaseOptions>().CreateIfMissing);
        var seed = services.GetRequiredService<SeedOptions>();
        Assert.Equal(("admin@example.com", null, null, 2000), (seed.AdminEmail, seed.AdminPassword, seed.Demo, seed.DemoContacts));
        var accounts = services.GetRequiredService<AccountSecurityOptions>();
        Assert.Equal((TimeSpan.FromSeconds(10), 10, 5, TimeSpan.FromMinutes(1)),
            (accounts.RevalidationInterval, accounts.SignInRateLimit.PerIp, accounts.SignInRateLimit.PerAccount, accounts.SignInRateLimit.Window));
        var api = services.GetRequiredService<ApiOptions>();
        Assert.Equal((4L * 1024 * 1024, 6000, TimeSpan.FromMinutes(1), 10, TimeSpan.FromMinutes(1)),
            (api.MaxRequestBodyBytes, api.RateLimit.PermitLimit, api.RateLimit.Window, api.FormRateLimit.PermitLimit, api.FormRateLimit.Window));
    }

    [Fact]
    public async Task Without_a_phone_region_set_the_API_and_the_card_both_read_national_numbers_in_UA()
    {
        await using var store = await TestDatabase.CreateAsync();
        await using var services = store.AppServices(configure: AddApiReader);
        var contact = await new StoreBuilder(store).ContactAsync(c => c.FirstName = "Olena");

        var ingest = services.GetRequiredService<ContactIngest>();
        var (set, _) = ingest.Reader(await ingest.LookupsAsync(Ct)).Read(new ContactPayload
        {
            ProfileValues = new() { ["externalCustomerId"] = JsonSerializer.SerializeToElement("u-1") },
            Channels = [new ChannelPayload { Type = "sms", Value = "050 123 45 67" }],
        });
        var editor = services.GetRequiredService<ContactEditor>();
        var (loaded, version, _) = (await editor.LoadAsync(contact.Id, Ct))!.Value;
        var edited = (await editor.LoadAsync(contact.Id, Ct))!.Value.Form;
        edited[ProfileFields.Phone] = "050 765 43 21";
        await editor.SaveAsync(contact.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);

        Assert.Equal("+380501234567", set!.Identifiers.Phone);
        await using var db = store.NewContext();
        Assert.Equal("+380507654321", (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).Phone);
    }

    /// <summary>The API's reader beside the app's services (the web app's API set-up registers it).</summary>
    private static void AddApiReader(IServiceCollection services)
    {
        services.AddSingleton<IngestWriteGate>();
        services.AddSingleton<ContactIngest>();
    }
}
