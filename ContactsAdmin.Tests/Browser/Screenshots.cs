using Microsoft.Playwright;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Pictures the browser tests take, for a person to look at: in test-output/screenshots (not committed), or, when
/// <see cref="UpdateVariable"/> is 1, in docs/screenshots, the README's pictures. A plain test run leaves the tree clean.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "UPDATE_SCREENSHOTS";

    public static string Folder => Environment.GetEnvironmentVariable(UpdateVariable) == "1"
        ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
        : Path.Combine(RepositoryRoot(), "test-output", "screenshots");

    /// <summary>
    /// The windows the main pages are pictured in: a common laptop (the README's pictures, named without a width), a
    /// smaller laptop, and a phone.
    /// </summary>
    public static readonly IReadOnlyList<(int Width, int Height)> Windows = [(1440, 900), (1280, 800), (390, 844)];

    /// <summary>
    /// The page in each of <see cref="Windows"/>: <c>name.png</c> at 1440 px, <c>name-1280.png</c>, <c>name-390.png</c>.
    /// The window is put back as it was.
    /// </summary>
    public static async Task SaveInEachWindowAsync(IPage page, string name)
    {
        var window = page.ViewportSize;
        try
        {
            foreach (var (width, height) in Windows)
            {
                await BrowserWindow.ResizeAsync(page, width, height);
                await Stillness.WaitAsync(page);
                await SaveAsync(page, width == Windows[0].Width ? $"{name}.png" : $"{name}-{width}.png");
            }
        }
        finally
        {
            if (window is not null) await BrowserWindow.ResizeAsync(page, window.Width, window.Height);
        }
    }

    /// <summary>
    /// The whole page, drawn in a window as tall as the page: a full-page capture of a shorter, scrolled window
    /// would show the fixed app bar where the scroll left it and the menu drawer only a window high.
    /// </summary>
    public static async Task SaveAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(Folder);
        var window = page.ViewportSize;
        var height = await page.EvaluateAsync<int>("() => { window.scrollTo(0, 0); return document.documentElement.scrollHeight; }");
        if (window is not null && height > window.Height) await BrowserWindow.ResizeAsync(page, window.Width, height);
        try
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, fileName), FullPage = true });
        }
        finally
        {
            if (window is not null) await BrowserWindow.ResizeAsync(page, window.Width, window.Height);
        }
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
