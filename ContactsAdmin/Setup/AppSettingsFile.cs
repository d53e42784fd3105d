using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace ContactsAdmin.Setup;

public static class AppSettingsFile
{
    /// <summary>
    /// The app's configuration lives in appsettings.json at the repository root and is copied beside
    /// the binaries. The host reads appsettings.json from the content root (the folder the app is started
    /// from), which is not always the root; this adds the copy beside the binaries at the same
    /// precedence, so environment variables and the command line still override it.
    /// </summary>
    public static IConfigurationBuilder AddAppSettingsBesideBinaries(this IConfigurationBuilder configuration)
    {
        var besideBinaries = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var sources = configuration.Sources;
        var contentRootFile = sources
            .Select((source, index) => (source, index))
            .FirstOrDefault(s => s.source is JsonConfigurationSource { Path: "appsettings.json" });
        // Before the content root's own file: a file in the start folder still wins over the default.
        sources.Insert(contentRootFile.source is null ? 0 : contentRootFile.index, besideBinaries);
        return configuration;
    }
}
