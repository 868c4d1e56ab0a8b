using InterviewBot.Storage.Tables;
using InterviewBot.Storage.Tables.Embedded;
using InterviewBot.Testing;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>
/// Compaction runs beside the writers: none of them waits for it, and nothing written before, during or after it is
/// lost, whether it finishes or the store closes (or the machine stops) in the middle of it.
/// </summary>
public sealed class EmbeddedTableStoreCompactionTests : IDisposable
{
    private const string TableName = "scorecards";
    private const long Threshold = 2 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();
    private readonly CompactionGate _gate = new();

    private string JournalPath => _directory.Combine(EmbeddedFiles.JournalFileName);

    private string SnapshotPath => _directory.Combine(EmbeddedFiles.SnapshotFileName);

    private string[] Segments => Directory.GetFiles(_directory.Path, "journal.*.jsonl");

    [Fact]
    public async Task Write_DuringABackgroundCompaction_IsNotHeldUpAndSurvivesReopen()
    {
        // Arrange: enough writes to pass the threshold, then the compaction they start is held.
        List<StoredRow> expected;
        using (var store = Open())
        {
            store.BeforeSnapshot = _gate.Hold;
            var table = store.GetTable(TableName);
            await FillAsync(table, "old", 40);
            await _gate.HeldAsync();

            // Act: an insert, a conditional replace and a delete of rows the snapshot is being written from.
            var current = await table.GetAsync("c1", "old000");
            await Task.WhenAll(
                table.InsertAsync(Row("c1", "new", ("V", 1))),
                table.ReplaceAsync(Row("c1", "old000", ("V", -1)), current!.ETag!),
                table.DeleteAsync("c1", "old001")).WaitAsync(Patience);
            var compactionStillRunning = !store.WaitForCompactionAsync().IsCompleted;
            _gate.Release();
            await store.WaitForCompactionAsync().WaitAsync(Patience);
            expected = await table.QueryAsync("c1").ToListAsync();

            // Assert
            Assert.True(compactionStillRunning);
            Assert.True(File.Exists(SnapshotPath));
            Assert.Empty(Segments);
        }

        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();
        Assert.Equal(expected.Select(r => (r.RowKey, r.ETag, r.GetInt32("V"))), rows.Select(r => (r.RowKey, r.ETag, r.GetInt32("V"))));
        Assert.Equal(-1, rows.Single(r => r.RowKey == "old000").GetInt32("V"));
        Assert.DoesNotContain(rows, r => r.RowKey == "old001");
        Assert.Contains(rows, r => r.RowKey == "new");
    }

    [Fact]
    public async Task Dispose_DuringACompaction_KeepsEveryRowAndTheNextOpenFinishesIt()
    {
        // Arrange
        using (var store = Open())
        {
            store.BeforeSnapshot = _gate.Hold;
            var table = store.GetTable(TableName);
            await FillAsync(table, "old", 40);
            await _gate.HeldAsync();
            await table.InsertAsync(Row("c1", "during"));

            // Act: closing cancels the compaction half way, as a stop of the process would.
        }

        var segmentsLeft = Segments.Length;
        using var reopened = Open();
        await reopened.WaitForCompactionAsync().WaitAsync(Patience);
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();

        // Assert
        Assert.Equal(1, segmentsLeft);
        Assert.Equal(41, rows.Count);
        Assert.Contains(rows, r => r.RowKey == "during");
        Assert.Empty(Segments);
    }

    [Fact]
    public async Task Reopen_SegmentLeftBehindAfterItsSnapshotWasWritten_IsNotReplayedOverNewerRows()
    {
        // Arrange: a crash after the snapshot was swapped in but before the segment it covers was deleted.
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "row", ("V", 1)));
        }

        var oldJournal = await File.ReadAllBytesAsync(JournalPath);
        var lastVersion = JournalCodec.Decode(oldJournal.AsMemory(0, oldJournal.Length - 1)).Version;
        using (var store = Open())
        {
            await store.WaitForCompactionAsync().WaitAsync(Patience);
            var table = store.GetTable(TableName);
            await table.ReplaceAsync(Row("c1", "row", ("V", 2)), (await table.GetAsync("c1", "row"))!.ETag!);
        }

        using (var store = Open())
        {
            await store.WaitForCompactionAsync().WaitAsync(Patience);
        }

        await File.WriteAllBytesAsync(_directory.Combine($"journal.{lastVersion}.jsonl"), oldJournal);

        // Act
        using var reopened = Open();
        var row = await reopened.GetTable(TableName).GetAsync("c1", "row");

        // Assert
        Assert.Equal(2, row!.GetInt32("V"));
    }

    [Fact]
    public async Task ReplaceAsync_ConcurrentIncrementsWhileCompactionsComeAndGo_LoseNoUpdateAcrossReopen()
    {
        // Arrange
        const int Writers = 4;
        const int IncrementsEach = 25;
        using (var store = Open())
        {
            var table = store.GetTable(TableName);
            await table.InsertAsync(Row("c1", "counter", ("Count", 0)));

            // Act: every increment also writes a filler row, so the journal passes the threshold again and again.
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var done = 0; done < IncrementsEach;)
                {
                    var current = (await table.GetAsync("c1", "counter"))!;
                    try
                    {
                        await table.ReplaceAsync(Row("c1", "counter", ("Count", current.GetInt32("Count")!.Value + 1)), current.ETag!);
                        await table.UpsertAsync(Row($"w{w}", $"r{done:D3}", ("Text", new string('x', 100))));
                        done++;
                    }
                    catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.ETagMismatch)
                    {
                        // Another writer won this round: read again.
                    }
                }
            })));
        }

        // Assert
        using var reopened = Open();
        Assert.Equal(Writers * IncrementsEach, (await reopened.GetTable(TableName).GetAsync("c1", "counter"))!.GetInt32("Count"));
        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(IncrementsEach, (await reopened.GetTable(TableName).QueryAsync($"w{w}").ToListAsync()).Count);
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _directory.Dispose();
    }

    private static async Task FillAsync(ITable table, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await table.UpsertAsync(Row("c1", $"{prefix}{i:D3}", ("V", i), ("Text", new string('x', 100))));
        }
    }

    private EmbeddedTableStore Open() => new(_directory.Path, Threshold);

    /// <summary>Holds a compaction after the journal was set aside and before the snapshot is written.</summary>
    private sealed class CompactionGate : IDisposable
    {
        private readonly SemaphoreSlim _held = new(0);
        private readonly ManualResetEventSlim _released = new();

        public void Hold(CancellationToken cancellationToken)
        {
            _held.Release();
            if (!_released.Wait(Patience, cancellationToken))
            {
                throw new TimeoutException("The test never released the compaction.");
            }
        }

        public async Task HeldAsync()
        {
            if (!await _held.WaitAsync(Patience))
            {
                throw new TimeoutException("The store never started a compaction.");
            }
        }

        public void Release() => _released.Set();

        public void Dispose()
        {
            _released.Set();
            _held.Dispose();
            _released.Dispose();
        }
    }
}
