namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Debian's Chromium, which browser tests drive (Playwright's own download needs the internet).
/// The one place that decides what a missing browser means: skipped on a developer's machine,
/// failed under CI=true, where every test must run.
/// </summary>
public static class Chromium
{
    /// <summary>/usr/bin/chromium, or the CHROMIUM_PATH environment variable when set (another build, or a path that does not exist to try the skip).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Without the background-networking flags Chromium keeps trying to reach the internet.</summary>
    public static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Skips the calling test, or fails it under CI, when Chromium is missing. The browser fixture calls it
    /// whenever a test asks for the browser or the app, so a test needs no check of its own.
    /// </summary>
    public static void RequireInstalled()
    {
        if (IsInstalled) return;
        var reason = $"Chromium is not installed at {ExecutablePath} (apt-get install chromium); browser tests need it.";
        if (IsCi)
            Assert.Fail($"{reason} Under CI=true a missing browser is a failure, not a skip.");
        Assert.Skip(reason);
    }
}
