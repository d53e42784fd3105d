namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Waits for something a background task brings about (a checkpoint, a concurrent writer's rows). Browser tests
/// wait with Playwright's Expect instead; this is for what no page shows.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {within.TotalSeconds:0} s: {what}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
