using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContactsAdmin.Bench.Stores;

namespace ContactsAdmin.Bench;

/// <summary>
/// The real app as an operator runs it: ContactsAdmin's own build output started as a separate process on a
/// loopback port, on a given database, so HTTP and browser scenarios measure client and server apart.
/// The admin signs in as <see cref="AdminEmail"/> / <see cref="AdminPassword"/>.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Bench-Admin-Pass-1!";

    private readonly Process process;

    private AppProcess(Process process, Uri baseUrl) => (this.process, BaseUrl) = (process, baseUrl);

    public Uri BaseUrl { get; }

    /// <summary>Starts the app on <paramref name="dbPath"/> and waits until it answers.</summary>
    /// <param name="settings">Extra configuration, e.g. ["Api:RateLimit:PermitLimit"] = "1000000".</param>
    public static Task<AppProcess> StartAsync(string dbPath, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default) =>
        StartAsync(new SqliteBenchStore(dbPath), settings, ct);

    /// <summary>Starts the app on <paramref name="store"/> (its engine and connection as the app's configuration) and waits until it answers.</summary>
    public static async Task<AppProcess> StartAsync(BenchStore store, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = StartInfo(store, settings, "--urls", baseUrl.ToString().TrimEnd('/'));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        // Drain the app's output so it never blocks on a full pipe; only errors are shown.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, baseUrl);
        try
        {
            await app.WaitUntilAnsweringAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one of the app's command-line subcommands on the database and returns its output.</summary>
    public static async Task<string> RunCommandAsync(BenchStore store, params string[] args)
    {
        var start = StartInfo(store, null, args);
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', args)}' failed ({process.ExitCode}): {output}");
        return output;
    }

    /// <summary>How a subcommand of the app is started on the database (for timing it and its memory as a process of its own).</summary>
    public static ProcessStartInfo CommandStartInfo(string dbPath, params string[] args) => StartInfo(new SqliteBenchStore(dbPath), null, args);

    /// <summary>A new API key with every scope (the command prints the key alone on its last line).</summary>
    public static async Task<string> CreateApiKeyAsync(BenchStore store) =>
        (await RunCommandAsync(store, "apikey", "create", "benchmark")).TrimEnd().Split('\n')[^1].Trim();

    private static ProcessStartInfo StartInfo(BenchStore store, IReadOnlyDictionary<string, string>? settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(AppDll)! };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in store.AppSettings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Seed__AdminEmail"] = AdminEmail;
        start.Environment["Seed__AdminPassword"] = AdminPassword;
        start.Environment["Seed__Demo"] = "false";   // the benchmark seeds its own data
        start.Environment["Database__CreateIfMissing"] = "true";   // on databases it makes for itself
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The console logger writes to stdout, which is drained unseen: warnings and errors go to stderr, which is shown.
        start.Environment["Logging__Console__LogToStandardErrorThreshold"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;
        return start;
    }

    /// <summary>The app's build output of the same configuration as this benchmark (the project reference builds it).</summary>
    private static string AppDll
    {
        get
        {
            // bin/<Configuration>/net10.0/: BaseDirectory ends with a separator, so trim it before going up one level.
            // Another build of the app (e.g. the main branch's, for a before/after comparison on the same database).
            if (Environment.GetEnvironmentVariable("BENCH_APP_DLL") is { Length: > 0 } other)
                return File.Exists(other) ? Path.GetFullPath(other) : throw new FileNotFoundException($"BENCH_APP_DLL: {other} is missing.");
            var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
            var root = RepositoryRoot();
            var dll = Path.Combine(root, "ContactsAdmin", "bin", configuration, "net10.0", "ContactsAdmin.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first ({dll} is missing).");
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContactsAdmin.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository (ContactsAdmin.sln not found above it).");
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);   // the first start migrates the database
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("Account/Login", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The app did not answer at {BaseUrl} within 3 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
