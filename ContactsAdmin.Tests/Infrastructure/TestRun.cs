namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>What every test takes from xunit's run; imported statically into every test file (see the project file).</summary>
public static class TestRun
{
    /// <summary>The running test's cancellation: cancelled when the run is stopped or the test times out.</summary>
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
