namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// Lets the API's write transactions into SQLite one at a time, in the order they asked. SQLite has one writer
/// anyway; waiting in line here, rather than in SQLite's busy handler (which polls with growing sleeps and lets
/// late-comers overtake), keeps parallel bulk requests from running into the busy timeout ("database is locked")
/// and wastes no CPU on polling. Writers outside the API (the UI) still meet the busy timeout as before.
/// </summary>
public sealed class IngestWriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Waits for the turn (asynchronous waiters are served first come, first served); disposing the result ends it.</summary>
    public async Task<Turn> EnterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    public void Dispose() => gate.Dispose();

    public sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
