namespace ContactsAdmin.Bench;

/// <summary>
/// One line of the results table. Times are in milliseconds (lower is better); throughputs in items per
/// second (higher is better). <see cref="Baseline"/> is the hand-written raw SQL for the same answer, measured
/// in the same run, so the ratio holds even on a noisy machine.
/// </summary>
public sealed record BenchResult(string Group, string Scenario, Unit Unit, Stats App, Stats? Baseline, string Target, string? Note = null)
{
    /// <summary>App median over baseline median: how much the app's own services add on top of the raw query.</summary>
    public double? Ratio => Baseline is { Median: > 0 } baseline ? App.Median / baseline.Median : null;
}

public enum Unit { Milliseconds, PerSecond, Seconds }

/// <summary>Median, 95th percentile (nearest-rank) and maximum of repeated samples.</summary>
public sealed record Stats(double Median, double P95, int Samples)
{
    /// <summary>The worst sample: for spread-out inputs (random search fragments) the tail is what a user meets.</summary>
    public double Max { get; init; }

    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.Order().ToArray();
        return new Stats(Percentile(sorted, 50), Percentile(sorted, 95), sorted.Length) { Max = sorted[^1] };
    }

    public static Stats OneSample(double value) => new(value, value, 1) { Max = value };

    private static double Percentile(double[] sorted, int percent)
    {
        if (percent == 50 && sorted.Length % 2 == 0)
            return (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
