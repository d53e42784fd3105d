namespace ContactsAdmin.Features.Demo;

/// <summary>A one-line progress bar for the seed command, redrawn in place.</summary>
public sealed class ConsoleProgress(TextWriter output) : IProgress<SeedProgress>
{
    private const int Width = 30;
    private string? lastLine;

    public void Report(SeedProgress value)
    {
        var fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
        var filled = (int)Math.Round(fraction * Width);
        var line = $"{value.Stage,-14} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done:N0}/{value.Total:N0}";
        if (line == lastLine) return;
        lastLine = line;
        output.Write('\r' + line);
        if (value.Done >= value.Total) output.WriteLine();
    }
}
