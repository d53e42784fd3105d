using System.Diagnostics;

namespace ContactsAdmin.Bench;

/// <summary>
/// What one run of a child process took: wall time, CPU time (user + system, as last sampled: on a loaded machine the
/// part of the wall time that was the process's own work), its peak resident memory, its output.
/// <paramref name="PeakBytes"/> is VmHWM, which counts the pages of the database file the app maps (SQLite's mmap_size:
/// the OS page cache, shared and reclaimable) as well as the process's own; <paramref name="PeakPrivateBytes"/> is the
/// highest RssAnon sampled, the process's own memory (the managed heap, SQLite's page cache, the runtime).
/// </summary>
public sealed record ChildProcessRun(double Seconds, double CpuSeconds, long PeakBytes, long PeakPrivateBytes, string Output, int ExitCode)
{
    /// <summary>
    /// Starts <paramref name="start"/>, samples the child's high-water mark of resident memory (VmHWM in /proc/PID/status,
    /// which the kernel keeps as a maximum, so a sample taken late still holds the peak) until it exits, and times it.
    /// </summary>
    public static async Task<ChildProcessRun> RunAsync(ProcessStartInfo start, string? input = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = input is not null;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var status = $"/proc/{process.Id}/status";
        var stat = $"/proc/{process.Id}/stat";
        long peak = 0, peakPrivate = 0;
        double cpu = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, StatusKilobytes(status, "VmHWM:") * 1024);
            peakPrivate = Math.Max(peakPrivate, StatusKilobytes(status, "RssAnon:") * 1024);
            cpu = Math.Max(cpu, CpuTime(stat));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        return new ChildProcessRun(seconds, cpu, peak, peakPrivate, await output + await error, process.ExitCode);
    }

    /// <summary>The sqlite3 shell reading <paramref name="script"/> on <paramref name="dbPath"/>.</summary>
    public static Task<ChildProcessRun> Sqlite3Async(string dbPath, string script)
    {
        var start = new ProcessStartInfo("sqlite3");
        start.ArgumentList.Add("-batch");
        start.ArgumentList.Add(dbPath);
        return RunAsync(start, script);
    }

    /// <summary>A "Name:   123 kB" line of /proc/PID/status, in kB; 0 when the process is gone.</summary>
    private static long StatusKilobytes(string statusPath, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
                var kilobytes = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (IOException) { }   // exited between the check and the read
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>utime + stime (fields 14 and 15 of /proc/PID/stat, after the parenthesised name) in seconds.</summary>
    private static double CpuTime(string statPath)
    {
        try
        {
            var text = File.ReadAllText(statPath);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime 15; the kernel counts in ticks of 1/100 s.
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) +
                    long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    public ChildProcessRun EnsureSucceeded(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed ({ExitCode}): {Output}");
}
