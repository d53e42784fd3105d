using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Setup;

// One executable: with a subcommand (seed, users, apikey) it runs that and exits; otherwise it serves the app.
if (ContactsCommandLine.IsCommandLine(args))
    return await ContactsCommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();
builder.Services.AddContactsSettings();
builder.Services.AddContactsData(builder.Configuration, runsUpkeep: true);
builder.AddContactsDataProtection();
builder.AddContactsIdentity();
builder.AddContactsUi();
builder.Services.AddContactsFeatures();
builder.Services.AddContactsJobs();
builder.AddContactsApi();
builder.AddContactsHealth();

var app = builder.Build();
if (!await app.InitializeContactStoreAsync()) return 1;   // the store is missing or unusable: said why in one line
app.UseContactsPipeline();
app.MapContactsUi();
app.MapContactsApi();
app.MapContactsExport();
app.MapContactsHealth();

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
