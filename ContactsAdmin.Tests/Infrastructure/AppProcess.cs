using System.Diagnostics;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>What a run of the app's executable printed and how it ended.</summary>
public sealed record AppRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Every non-empty line, standard output and error together.</summary>
    public string[] Lines => (Output + "\n" + Errors).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs the built app (ContactsAdmin.dll, copied beside the tests) as its own process, for what only a process shows:
/// its exit code and what it prints when start-up stops. An app that does not exit is killed and reported as such.
/// Kept beside <see cref="AppFactory"/> on purpose: in-process the factory sees a start-up that returns 1 only as an
/// exception, and Program's console lines go to the test runner's output, so neither the exit code nor the one line
/// an operator reads can be checked there.
/// </summary>
public static class AppProcess
{
    public static async Task<AppRun> RunAsync(string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ContactsAdmin.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The app did not exit; it printed:\n{await output}\n{await errors}");
        }
        return new AppRun(process.ExitCode, await output, await errors);
    }
}
