using System.Threading.Channels;
using ContactsAdmin.Profile.Changes;
using CsvHelper;

namespace ContactsAdmin.Features.Import;

/// <summary>A row that passed its checks, waiting to be written.</summary>
internal sealed record PendingRow(long Line, ContactChangeSet Set);

/// <summary>
/// The rows of one batch as the reader left them: the good ones to write, the bad ones' errors, and where the reader was
/// after the batch's last line (for progress and resuming).
/// </summary>
internal sealed class ReadChunk(int capacity, long lastLine)
{
    public List<PendingRow> Rows { get; } = new(capacity);
    public List<ImportRowError> Errors { get; } = [];
    public long BadRows { get; set; }
    public long LastLine { get; set; } = lastLine;
    public long BytesRead { get; set; }
    public bool HasLines { get; set; }
}

/// <summary>
/// Reads and checks a file's rows on a thread of its own while the import writes the batch before: parsing and checking
/// is about a sixth of an import's work, and the machine has a second core for it. At most two batches wait, so memory
/// stays flat whichever side is faster. The file is read in order, and the chunks come out in order, so lines, errors
/// and resume positions are what a reader on the writer's own thread would give.
/// </summary>
internal sealed class ImportReadAhead : IAsyncDisposable
{
    private const int ChunksWaiting = 2;

    private readonly Channel<ReadChunk> chunks = Channel.CreateBounded<ReadChunk>(new BoundedChannelOptions(ChunksWaiting)
    {
        SingleReader = true, SingleWriter = true,
    });
    private readonly CancellationTokenSource stop;
    private readonly Task reading;

    /// <param name="skipThrough">Lines up to this one are passed over (a resumed import).</param>
    public ImportReadAhead(CsvReader reader, Stream stream, ImportRowReader rows, long skipThrough, int rowsPerChunk, CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        reading = Task.Run(() => ReadAsync(reader, stream, rows, skipThrough, rowsPerChunk, stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// The chunks in file order. A failure while reading (a file that stops being CSV halfway) is thrown here after the
    /// chunks read before it, as the import would have met it reading the next row itself.
    /// </summary>
    public async IAsyncEnumerable<ReadChunk> ChunksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var chunk in chunks.Reader.ReadAllAsync(ct)) yield return chunk;
        await reading;
    }

    private async Task ReadAsync(CsvReader reader, Stream stream, ImportRowReader rows, long skipThrough, int rowsPerChunk, CancellationToken ct)
    {
        try
        {
            string Cell(int index) => index < reader.FieldCount ? reader.GetString(index) : "";
            var chunk = new ReadChunk(rowsPerChunk, skipThrough);
            while (await reader.ReadAsync(ct))
            {
                var line = reader.LineNumber;
                if (line <= skipThrough) continue;
                if (rows.Read(line, Cell, chunk.Errors) is { } set) chunk.Rows.Add(new PendingRow(line, set));
                else chunk.BadRows++;
                (chunk.LastLine, chunk.HasLines) = (line, true);
                if (chunk.Rows.Count < rowsPerChunk) continue;
                chunk.BytesRead = Position(stream);
                await chunks.Writer.WriteAsync(chunk, ct);
                chunk = new ReadChunk(rowsPerChunk, line);
            }
            if (chunk.HasLines)
            {
                chunk.BytesRead = Position(stream);
                await chunks.Writer.WriteAsync(chunk, ct);
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
        }
    }

    private static long Position(Stream stream) => stream.CanSeek ? stream.Position : 0;

    /// <summary>Stops the reading (the import ended early: a cancel, a failure) and waits for it, so the file can be closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception)
        {
            // Already thrown to the import through ChunksAsync, or the import stopped before it came to it.
        }
        stop.Dispose();
    }
}
