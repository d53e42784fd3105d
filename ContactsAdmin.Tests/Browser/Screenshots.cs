using Microsoft.Playwright;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The README's pictures, in docs/screenshots at the repository root, remade by the tests.</summary>
public static class Screenshots
{
    public static string Folder => Path.Combine(RepositoryRoot(), "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, fileName), FullPage = true });
    }

    /// <summary>The folder holding ContactsAdmin.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ContactsAdmin.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No ContactsAdmin.sln above {AppContext.BaseDirectory}.");
    }
}
