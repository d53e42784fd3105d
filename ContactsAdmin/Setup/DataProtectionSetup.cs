using ContactsAdmin.Data;
using ContactsAdmin.Profile.Erasure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Setup;

public static class DataProtectionSetup
{
    /// <summary>Fixed, so the keys still fit after the app moves to another folder (the default name is the content root's path).</summary>
    public const string ApplicationName = "ContactsAdmin";

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens live with the data they belong to, not in the OS
    /// user's profile: a moved or restored app keeps its sessions, and two apps of one OS user, each with its own
    /// database, do not accept each other's cookies (<see cref="KeysInDatabase"/> says where).
    /// </summary>
    public static WebApplicationBuilder AddContactsDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddContactsDataProtection(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The same for the command line, whose imports must hash erased contacts' identifiers with the app's key
    /// (<see cref="SuppressionKeyStore"/>, kept in the database and protected by these keys).
    /// </summary>
    public static IServiceCollection AddContactsDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var folder = KeysFolder(configuration);
        var inDatabase = KeysInDatabase(configuration);
        if (inDatabase)
        {
            protection.PersistKeysToDbContext<AppDbContext>();
            // Keys an earlier version kept in DataProtection:KeysFolder still open the cookies and the suppression key they protected.
            if (folder is not null)
                services.PostConfigure<KeyManagementOptions>(options => options.XmlRepository = new KeysFolderImport(options.XmlRepository!, folder));
        }
        else if (folder is not null)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }
        services.AddSingleton(provider => !inDatabase && folder is null
            // A store in memory lives no longer than the process, and so may its key.
            ? SuppressionHasher.Ephemeral()
            : SuppressionKeyStore.Load(provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), folder,
                provider.GetRequiredService<IDataProtectionProvider>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SuppressionKeyStore))));
        return services;
    }

    /// <summary>
    /// Whether the key ring lives in the database rather than a folder: on a database server (PostgreSQL), always, since
    /// several app instances share the database but no folder, and each must read the cookies the others signed. A
    /// SQLite store is one file on one machine: its keys stay in the folder beside it, as they always have.
    /// </summary>
    public static bool KeysInDatabase(IConfiguration configuration) => DatabaseOptions.ProviderIn(configuration) != StoreProvider.Sqlite;

    /// <summary>
    /// DataProtection:KeysFolder, relative to the database's folder; "keys" beside a SQLite database by default. With
    /// the keys in the database (<see cref="KeysInDatabase"/>) it is only read, for what an earlier version kept there.
    /// </summary>
    public static string? KeysFolder(IConfiguration configuration)
    {
        var configured = configuration["DataProtection:KeysFolder"];
        var engine = StoreEngine.For(DatabaseOptions.ProviderIn(configuration));
        var store = engine.FileOf(engine.ResolveConnectionString(configuration.GetConnectionString("Contacts")));
        if (store.Folder is null)
            return string.IsNullOrEmpty(configured) ? null : Path.GetFullPath(configured);
        return Path.GetFullPath(string.IsNullOrEmpty(configured) ? "keys" : configured, store.Folder);
    }
}
