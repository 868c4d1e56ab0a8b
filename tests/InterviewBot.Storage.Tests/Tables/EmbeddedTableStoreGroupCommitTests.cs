using System.Text;
using InterviewBot.Storage.Tables;
using InterviewBot.Storage.Tables.Embedded;
using InterviewBot.Testing;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>
/// Writers that arrive together share one forced write, and yet none is answered before its record is on disk, no
/// reader sees a row that is not, and a failed or torn commit group loses only writes nobody was told about.
/// </summary>
public sealed class EmbeddedTableStoreGroupCommitTests : IDisposable
{
    private const string TableName = "scorecards";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();
    private readonly FlushGate _gate = new();

    private string JournalPath => _directory.Combine(EmbeddedFiles.JournalFileName);

    [Fact]
    public async Task Write_WhileAnEarlierGroupIsBeingFlushed_WaitsAndThenSharesOneFlushWithTheOthers()
    {
        // Arrange: the first write's group is held on its way to the disk.
        long flushes;
        int answeredBeforeTheDisk;
        StoredRow? visibleBeforeTheDisk;
        using (var store = Open())
        {
            var table = store.GetTable(TableName);
            store.BeforeFlush = _gate.Hold;
            var first = table.InsertAsync(Row("c1", "first"));
            await _gate.HeldAsync();

            // Act
            var queued = Enumerable.Range(0, 20).Select(i => table.InsertAsync(Row("c1", $"r{i:D2}"))).ToList();
            answeredBeforeTheDisk = queued.Append(first).Count(t => t.IsCompleted);
            visibleBeforeTheDisk = await table.GetAsync("c1", "first");
            _gate.Release();
            await Task.WhenAll(queued.Append(first));
            flushes = store.Flushes;
        }

        // Assert
        Assert.Equal(0, answeredBeforeTheDisk);
        Assert.Null(visibleBeforeTheDisk);
        Assert.Equal(2, flushes);
        using var reopened = Open();
        Assert.Equal(21, (await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync()).Count);
    }

    [Fact]
    public async Task InsertAsync_SameRowAsAWriteStillOnItsWayToDisk_ConflictsOnlyOnceThatWriteIsDurable()
    {
        // Arrange
        using var store = Open();
        var table = store.GetTable(TableName);
        store.BeforeFlush = _gate.Hold;
        var first = table.InsertAsync(Row("c1", "once", ("Writer", "first")));
        await _gate.HeldAsync();

        // Act
        var second = table.InsertAsync(Row("c1", "once", ("Writer", "second")));
        var secondAnsweredEarly = second.IsCompleted;
        _gate.Release();
        var etag = await first;
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => second);

        // Assert
        Assert.False(secondAnsweredEarly);
        Assert.Equal(StorageConflictReason.AlreadyExists, conflict.Reason);
        var row = await table.GetAsync("c1", "once");
        Assert.Equal("first", row!.GetString("Writer"));
        Assert.Equal(etag, row.ETag);
    }

    [Fact]
    public async Task InsertAsync_SameRowAsAWriteWhoseFlushFails_IsDecidedAgainAndWins()
    {
        // Arrange
        using var store = Open();
        var table = store.GetTable(TableName);
        store.BeforeFlush = _gate.HoldThenFailOnce;
        var first = table.InsertAsync(Row("c1", "once", ("Writer", "first")));
        await _gate.HeldAsync();
        var second = table.InsertAsync(Row("c1", "once", ("Writer", "second")));

        // Act
        _gate.Release();
        var firstError = await Record.ExceptionAsync(() => first);
        var etag = await second;

        // Assert
        Assert.IsType<IOException>(firstError);
        var row = await table.GetAsync("c1", "once");
        Assert.Equal("second", row!.GetString("Writer"));
        Assert.Equal(etag, row.ETag);
    }

    [Fact]
    public async Task Write_FlushFails_FailsItsGroupAndEveryWriteQueuedBehindItButNotLaterOnes()
    {
        // Arrange
        using (var store = Open())
        {
            var table = store.GetTable(TableName);
            var before = await table.InsertAsync(Row("c1", "before"));
            store.BeforeFlush = _gate.HoldThenFailOnce;
            var failing = table.ReplaceAsync(Row("c1", "before", ("V", 1)), before);
            await _gate.HeldAsync();

            // Checked against the failing write: its ETag is the one the failed record would have made.
            var dependent = table.ReplaceAsync(Row("c1", "before", ("V", 2)), "W/\"2\"");
            var unrelated = table.InsertAsync(Row("c1", "unrelated"));

            // Act
            _gate.Release();
            var errors = new[]
            {
                await Record.ExceptionAsync(() => failing),
                await Record.ExceptionAsync(() => dependent),
                await Record.ExceptionAsync(() => unrelated),
            };
            var after = await table.InsertAsync(Row("c1", "after"));

            // Assert
            Assert.All(errors, e => Assert.IsType<IOException>(e));
            Assert.NotEmpty(after);
            Assert.Equal(before, (await table.GetAsync("c1", "before"))!.ETag);
        }

        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();
        Assert.Equal(["after", "before"], rows.Select(r => r.RowKey));
        Assert.Null(rows[1].GetInt32("V"));
    }

    [Fact]
    public async Task Reopen_CrashInTheMiddleOfACommitGroup_KeepsItsWholeLinesAndDropsTheTornOne()
    {
        // Arrange: one acknowledged write, then a group of three of which the disk got two and a half.
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "acknowledged"));
        }

        var torn = Line(102, "third", continuesGroup: true);
        AppendToJournal([.. Line(100, "first", continuesGroup: false), .. Line(101, "second", continuesGroup: true), .. torn[..(torn.Length / 2)]]);

        // Act
        using (var reopened = Open())
        {
            await reopened.GetTable(TableName).InsertAsync(Row("c1", "later"));
        }

        using var again = Open();
        var rows = await again.GetTable(TableName).QueryAsync("c1").ToListAsync();

        // Assert
        Assert.Equal(["acknowledged", "first", "later", "second"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Reopen_CommitGroupWhoseFirstLineNeverReachedTheDisk_DropsTheWholeGroup()
    {
        // Arrange: the file system kept the group's second block but not its first, which reads back as zeros.
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "acknowledged"));
        }

        var first = Line(100, "first", continuesGroup: false);
        AppendToJournal([.. new byte[first.Length - 1], (byte)'\n', .. Line(101, "second", continuesGroup: true)]);

        // Act
        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();

        // Assert
        Assert.Equal(["acknowledged"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Open_UnreadableLineFollowedByALaterCommitGroup_ThrowsInvalidDataException()
    {
        // Arrange: a later group is only written once the one before is on disk, so this is damage, not a crash.
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "acknowledged"));
        }

        AppendToJournal([.. Encoding.UTF8.GetBytes("{garbage}\n"), .. Line(100, "first", continuesGroup: false)]);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Open());

        // Assert
        Assert.Contains(JournalPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _directory.Dispose();
    }

    private static byte[] Line(long version, string rowKey, bool continuesGroup) =>
        JournalCodec.Encode(
            new JournalRecord(version, TableName, "c1", [new RowWrite(rowKey, Row("c1", rowKey) with { ETag = $"W/\"{version}\"", Timestamp = DateTimeOffset.UnixEpoch })]),
            continuesGroup);

    private void AppendToJournal(byte[] bytes)
    {
        using var journal = new FileStream(JournalPath, FileMode.Append, FileAccess.Write);
        journal.Write(bytes);
    }

    private EmbeddedTableStore Open() => new(_directory.Path);

    /// <summary>Holds the store's flusher before it writes a group, until the test lets it go.</summary>
    private sealed class FlushGate : IDisposable
    {
        private readonly SemaphoreSlim _held = new(0);
        private readonly ManualResetEventSlim _released = new();
        private int _failures = 1;

        public void Hold()
        {
            _held.Release();
            if (!_released.Wait(Patience))
            {
                throw new TimeoutException("The test never released the flush.");
            }
        }

        /// <summary>Holds the first flush, then fails it as a full disk would.</summary>
        public void HoldThenFailOnce()
        {
            Hold();
            if (Interlocked.Exchange(ref _failures, 0) == 1)
            {
                throw new IOException("No space left on device.");
            }
        }

        public async Task HeldAsync()
        {
            if (!await _held.WaitAsync(Patience))
            {
                throw new TimeoutException("The store never started a flush.");
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
