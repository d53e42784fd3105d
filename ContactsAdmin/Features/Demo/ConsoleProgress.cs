namespace ContactsAdmin.Features.Demo;

/// <summary>A one-line progress bar for the seed command, redrawn in place only when its percentage moves.</summary>
public sealed class ConsoleProgress(TextWriter output) : IProgress<SeedProgress>
{
    private const int Width = 30;
    private (string Stage, int Percent)? shown;

    public void Report(SeedProgress value)
    {
        var fraction = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var percent = (int)(fraction * 100);
        // Seeding reports every row; writing each would cost more than the row itself.
        if (shown == (value.Stage, percent)) return;
        shown = (value.Stage, percent);

        var filled = (int)Math.Round(fraction * Width);
        output.Write($"\r{value.Stage,-14} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  {value.Done:N0}/{value.Total:N0}");
        if (value.Done >= value.Total) output.WriteLine();
    }
}
