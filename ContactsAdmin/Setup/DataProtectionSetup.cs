using ContactsAdmin.Data;
using ContactsAdmin.Profile.Erasure;
using Microsoft.AspNetCore.DataProtection;

namespace ContactsAdmin.Setup;

public static class DataProtectionSetup
{
    /// <summary>Fixed, so the keys still fit after the app moves to another folder (the default name is the content root's path).</summary>
    public const string ApplicationName = "ContactsAdmin";

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens live with the data they belong to (by default a
    /// "keys" folder beside the database), not in the OS user's profile: a moved or restored app keeps its sessions,
    /// and two apps of one OS user, each with its own database, do not accept each other's cookies.
    /// </summary>
    public static WebApplicationBuilder AddContactsDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddContactsDataProtection(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The same for the command line, whose imports must hash erased contacts' identifiers with the app's key
    /// (<see cref="SuppressionKeyFile"/>, kept in the keys folder and protected by these keys).
    /// </summary>
    public static IServiceCollection AddContactsDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var folder = KeysFolder(configuration);
        if (folder is not null)
            protection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddSingleton(provider => SuppressionKeyFile.Load(folder, provider.GetRequiredService<IDataProtectionProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SuppressionKeyFile))));
        return services;
    }

    /// <summary>DataProtection:KeysFolder, relative to the database's folder; "keys" beside the database by default.</summary>
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
