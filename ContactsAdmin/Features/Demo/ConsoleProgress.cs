using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// A one-line progress bar per stage for the seed command, redrawn in place only when its percentage moves;
/// a finished stage's line ends with how long it took.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, TimeProvider clock) : IProgress<StageProgress>
{
    private const int Width = 30;
    private (string Stage, int Percent)? shown;
    private long stageStarted;

    public void Report(StageProgress value)
    {
        if (shown?.Stage != value.Stage) stageStarted = clock.GetTimestamp();
        var fraction = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var percent = (int)(fraction * 100);
        // Seeding reports often; writing each would cost more than the rows behind it.
        if (shown == (value.Stage, percent)) return;
        shown = (value.Stage, percent);

        var filled = (int)Math.Round(fraction * Width);
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{value.Stage,-14} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  {value.Done:N0}/{value.Total:N0}"));
        if (value.Done >= value.Total) output.WriteLine($"  {Duration(clock.GetElapsedTime(stageStarted))}");
    }

    /// <summary>"0.4 s", "12.3 s", "2 min 31 s".</summary>
    public static string Duration(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s");
}
