using System.Diagnostics;
using System.Text;
using InterviewBot.Storage.Tables;
using InterviewBot.Storage.Tables.Embedded;
using InterviewBot.Testing;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>What only the embedded store has to prove: its data outlives the process, and one process owns it.</summary>
public sealed class EmbeddedTableStoreTests : IDisposable
{
    private const string TableName = "scorecards";
    private readonly TemporaryDirectory _directory = new();

    private string JournalPath => _directory.Combine(EmbeddedFiles.JournalFileName);

    private string SnapshotPath => _directory.Combine(EmbeddedFiles.SnapshotFileName);

    [Fact]
    public async Task Reopen_AfterDispose_KeepsRowsWithTheirETagsAndTypes()
    {
        // Arrange
        var when = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)).AddTicks(42);
        string etag;
        using (var store = Open())
        {
            etag = await store.GetTable(TableName).InsertAsync(Row("c1", "s1",
                ("Text", "evidence ✓"), ("Flag", false), ("Small", 7), ("Large", long.MaxValue), ("Ratio", 2.5), ("When", when)));
        }

        // Act
        using var reopened = Open();
        var row = await reopened.GetTable(TableName).GetAsync("c1", "s1");

        // Assert
        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal("evidence ✓", row.Properties["Text"]);
        Assert.Equal(false, row.Properties["Flag"]);
        Assert.Equal(7, Assert.IsType<int>(row.Properties["Small"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(row.Properties["Large"]));
        Assert.Equal(2.5, Assert.IsType<double>(row.Properties["Ratio"]));
        Assert.Equal(when.UtcDateTime, Assert.IsType<DateTimeOffset>(row.Properties["When"]).UtcDateTime);
    }

    [Fact]
    public async Task Reopen_AfterUpdatesDeletesAndBatches_ShowsTheLastCommittedState()
    {
        // Arrange
        using (var store = Open())
        {
            var table = store.GetTable(TableName);
            var etag = await table.InsertAsync(Row("c1", "a", ("V", 1)));
            await table.ReplaceAsync(Row("c1", "a", ("V", 2)), etag);
            await table.InsertAsync(Row("c1", "b"));
            await table.DeleteAsync("c1", "b");
            await table.SubmitBatchAsync([Insert(Row("c1", "c")), Insert(Row("c1", "d"))]);
            await Assert.ThrowsAsync<StorageConflictException>(() => table.SubmitBatchAsync([Delete("c1", "c"), Insert(Row("c1", "d"))]));
        }

        // Act
        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();

        // Assert
        Assert.Equal(["a", "c", "d"], rows.Select(r => r.RowKey));
        Assert.Equal(2, rows[0].GetInt32("V"));
    }

    [Fact]
    public async Task Reopen_TornLastJournalLine_IgnoresThatWriteAndKeepsTheRest()
    {
        // Arrange: the second write's line is cut short, as by a crash in the middle of writing it.
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "kept"));
            await store.GetTable(TableName).InsertAsync(Row("c1", "torn", ("Text", new string('x', 200))));
        }

        var journal = File.ReadAllBytes(JournalPath);
        var lastLineStart = Array.LastIndexOf(journal, (byte)'\n', journal.Length - 2) + 1;
        File.WriteAllBytes(JournalPath, journal[..(lastLineStart + ((journal.Length - lastLineStart) / 2))]);

        // Act
        using var reopened = Open();
        var table = reopened.GetTable(TableName);

        // Assert
        Assert.NotNull(await table.GetAsync("c1", "kept"));
        Assert.Null(await table.GetAsync("c1", "torn"));
    }

    [Fact]
    public async Task Reopen_WritesAfterATornLine_SurviveTheNextReopen()
    {
        // Arrange
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "a"));
        }

        File.AppendAllText(JournalPath, "{\"v\":99,\"t\":\"scorecards\",\"p\":\"c1\",\"w\":[{\"r\":\"b\"");
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "after"));
        }

        // Act
        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();

        // Assert
        Assert.Equal(["a", "after"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Open_UnreadableLineBeforeTheLast_ThrowsInvalidDataExceptionNamingTheFile()
    {
        // Arrange
        using (var store = Open())
        {
            await store.GetTable(TableName).InsertAsync(Row("c1", "a"));
            await store.GetTable(TableName).InsertAsync(Row("c1", "b"));
        }

        var lines = File.ReadAllLines(JournalPath);
        lines[0] = "{garbage";
        File.WriteAllLines(JournalPath, lines);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Open());

        // Assert
        Assert.Contains(JournalPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_JournalPastTheThreshold_CompactsIntoASnapshotThatKeepsEveryRow()
    {
        // Arrange
        const long Threshold = 8 * 1024;
        using (var store = Open(Threshold))
        {
            var table = store.GetTable(TableName);
            for (var i = 0; i < 100; i++)
            {
                await table.UpsertAsync(Row("c1", $"r{i:D3}", ("V", i), ("Text", new string('x', 100))));
            }

            for (var i = 0; i < 100; i += 2)
            {
                await table.DeleteAsync("c1", $"r{i:D3}");
            }

            await table.UpsertAsync(Row("c1", "r001", ("V", -1)));

            // Act
            await store.WaitForCompactionAsync();

            // Assert: the journal was set aside into the snapshot at least once, and nothing waits to be compacted.
            Assert.True(File.Exists(SnapshotPath));
            Assert.InRange(new FileInfo(JournalPath).Length, 0, (100 * 200) - 1);
            Assert.Empty(Directory.GetFiles(_directory.Path, "journal.*.jsonl"));
        }

        using var reopened = Open();
        var rows = await reopened.GetTable(TableName).QueryAsync("c1").ToListAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"r{(i * 2) + 1:D3}"), rows.Select(r => r.RowKey));
        Assert.Equal(-1, rows[0].GetInt32("V"));
    }

    [Fact]
    public async Task Reopen_Always_CompactsTheJournalAndKeepsETagsMoving()
    {
        // Arrange
        var etags = new HashSet<string>(StringComparer.Ordinal);
        using (var store = Open())
        {
            var table = store.GetTable(TableName);
            etags.Add(await table.InsertAsync(Row("c1", "a")));
            etags.Add(await table.UpsertAsync(Row("c1", "a")));
        }

        // Act
        using var reopened = Open();
        var journalLength = new FileInfo(JournalPath).Length;
        var table2 = reopened.GetTable(TableName);
        var current = await table2.GetAsync("c1", "a");
        var next = await table2.ReplaceAsync(Row("c1", "a"), current!.ETag!);

        // Assert
        Assert.Equal(0, journalLength);
        Assert.DoesNotContain(next, etags);
    }

    [Fact]
    public void Open_DirectoryHeldByAnotherInstance_ThrowsNamingTheDirectory()
    {
        // Arrange
        using var owner = Open();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Open());

        // Assert
        Assert.Contains(_directory.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DirectoryLockedByAnotherProcess_ThrowsNamingTheDirectory()
    {
        // Arrange: flock(1) holds the same kind of lock the store takes, until its stdin closes.
        var lockPath = _directory.Combine(EmbeddedFiles.LockFileName);
        var startInfo = new ProcessStartInfo("flock")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--exclusive", "--nonblock", lockPath, "sh", "-c", "echo locked; cat" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var holder = Process.Start(startInfo)!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

            // Act
            var error = Assert.Throws<InvalidOperationException>(() => Open());

            // Assert
            Assert.Contains(_directory.Path, error.Message, StringComparison.Ordinal);
            Assert.Contains("another process", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var store = Open();
        Assert.NotNull(store);
    }

    [Fact]
    public void Open_AfterTheOwnerIsDisposed_Succeeds()
    {
        // Arrange
        Open().Dispose();

        // Act
        using var store = Open();

        // Assert
        Assert.Equal(Path.GetFullPath(_directory.Path), store.DataDirectory);
    }

    [Fact]
    public async Task GetAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        // Arrange
        var store = Open();
        var table = store.GetTable(TableName);
        store.Dispose();

        // Act + Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(() => table.GetAsync("c1", "a"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => table.UpsertAsync(Row("c1", "a")));
    }

    [Fact]
    public async Task Write_ManyConcurrentWriters_EveryAcknowledgedRowSurvivesReopen()
    {
        // Arrange
        const int Writers = 8;
        const int RowsEach = 50;
        using (var store = Open(compactionThresholdBytes: 16 * 1024))
        {
            var table = store.GetTable(TableName);

            // Act
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < RowsEach; i++)
                {
                    await table.UpsertAsync(Row($"w{w}", $"r{i:D3}", ("I", i)));
                }
            })));
        }

        // Assert
        using var reopened = Open();
        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(RowsEach, (await reopened.GetTable(TableName).QueryAsync($"w{w}").ToListAsync()).Count);
        }
    }

    [Fact]
    public async Task QueryAsync_RangeOfALargePartition_ReturnsExactlyThatRangeInOrder()
    {
        // Arrange: a due index with 100,000 rows, of which a sweep reads one thousand.
        using var store = Open();
        var table = store.GetTable("due");
        foreach (var chunk in Enumerable.Range(0, 100_000).Chunk(100))
        {
            await table.SubmitBatchAsync(chunk.Select(i => Upsert(Row("bucket", $"{i:D6}", ("Job", "remind"), ("I", i)))).ToList());
        }

        // Act
        var rows = await table.QueryAsync("bucket", "050000", "051000").ToListAsync();

        // Assert: speed is measured by the benchmarks, not here.
        Assert.Equal(1000, rows.Count);
        Assert.Equal("050000", rows[0].RowKey);
        Assert.Equal("050999", rows[^1].RowKey);
    }

    public void Dispose() => _directory.Dispose();

    private EmbeddedTableStore Open(long compactionThresholdBytes = EmbeddedTableStore.DefaultCompactionThresholdBytes) =>
        new(_directory.Path, compactionThresholdBytes);
}
