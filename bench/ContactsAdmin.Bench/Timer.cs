using System.Diagnostics;

namespace ContactsAdmin.Bench;

/// <summary>Runs an action a few times to warm caches and JIT, then times each of the measured runs.</summary>
public static class Timer
{
    public static async Task<Stats> TimeAsync(Func<Task> action, int runs, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++) await action();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
        return Stats.Of(samples);
    }

    public static Task<Stats> TimeAsync(Action action, int runs, int warmups = 3) =>
        TimeAsync(() => { action(); return Task.CompletedTask; }, runs, warmups);
}
