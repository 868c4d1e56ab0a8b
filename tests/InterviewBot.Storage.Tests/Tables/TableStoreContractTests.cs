using InterviewBot.Storage.Tables;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>
/// What every <see cref="ITableStore"/> must do, written once and run against each store: the behaviour of Azure
/// Table Storage as far as the port exposes it.
/// </summary>
public abstract class TableStoreContractTests
{
    private const string Partition = "p1";

    protected abstract ITableStore Store { get; }

    [Fact]
    public async Task GetAsync_MissingRow_ReturnsNull()
    {
        // Arrange
        var table = NewTable();

        // Act
        var row = await table.GetAsync(Partition, "missing");

        // Assert
        Assert.Null(row);
    }

    [Fact]
    public async Task InsertAsync_EveryPropertyType_ReadsBackSameValuesAndTypes()
    {
        // Arrange
        var table = NewTable();
        var when = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        var row = Row(Partition, "r1",
            ("Text", "héllo \"world\" ✓"),
            ("Flag", true),
            ("Small", 42),
            ("Large", 9_007_199_254_740_993L),
            ("Ratio", 0.1),
            ("Whole", 3.0),
            ("When", when),
            ("Empty", string.Empty));

        // Act
        await table.InsertAsync(row);
        var stored = await table.GetAsync(Partition, "r1");

        // Assert
        Assert.NotNull(stored);
        Assert.Equal("héllo \"world\" ✓", Assert.IsType<string>(stored.Properties["Text"]));
        Assert.True(Assert.IsType<bool>(stored.Properties["Flag"]));
        Assert.Equal(42, Assert.IsType<int>(stored.Properties["Small"]));
        Assert.Equal(9_007_199_254_740_993L, Assert.IsType<long>(stored.Properties["Large"]));
        Assert.Equal(0.1, Assert.IsType<double>(stored.Properties["Ratio"]));
        Assert.Equal(3.0, Assert.IsType<double>(stored.Properties["Whole"]));
        Assert.Equal(when, Assert.IsType<DateTimeOffset>(stored.Properties["When"]));
        Assert.Equal(string.Empty, Assert.IsType<string>(stored.Properties["Empty"]));
        Assert.Equal(8, stored.Properties.Count);
    }

    [Fact]
    public async Task InsertAsync_DateTimeOffsetWithOffset_ReadsBackSameInstantInUtcToTheTick()
    {
        // Arrange
        var table = NewTable();
        var local = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(9_999_999);

        // Act
        await table.InsertAsync(Row(Partition, "r1", ("When", local)));
        var stored = await table.GetAsync(Partition, "r1");

        // Assert
        var when = stored!.GetDateTimeOffset("When");
        Assert.Equal(TimeSpan.Zero, when!.Value.Offset);
        Assert.Equal(local.UtcTicks, when.Value.UtcTicks);
    }

    [Fact]
    public async Task InsertAsync_NewRow_ReturnsTheStoredETagAndSetsUtcTimestamp()
    {
        // Arrange
        var table = NewTable();

        // Act
        var etag = await table.InsertAsync(Row(Partition, "r1", ("A", 1)));
        var stored = await table.GetAsync(Partition, "r1");

        // Assert
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, stored!.ETag);
        Assert.NotNull(stored.Timestamp);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp!.Value.Offset);
        Assert.Equal("p1", stored.PartitionKey);
        Assert.Equal("r1", stored.RowKey);
    }

    [Fact]
    public async Task InsertAsync_NullProperty_IsNotStored()
    {
        // Arrange
        var table = NewTable();

        // Act
        await table.InsertAsync(Row(Partition, "r1", ("Kept", "x"), ("Gone", null)));
        var stored = await table.GetAsync(Partition, "r1");

        // Assert
        Assert.Equal(["Kept"], stored!.Properties.Keys);
    }

    [Fact]
    public async Task InsertAsync_EmptyKeys_AreValidKeys()
    {
        // Arrange
        var table = NewTable();

        // Act
        await table.InsertAsync(Row(string.Empty, string.Empty, ("A", 1)));
        var stored = await table.GetAsync(string.Empty, string.Empty);

        // Assert
        Assert.Equal(1, stored!.GetInt32("A"));
    }

    [Fact]
    public async Task InsertAsync_ExistingRow_ThrowsAlreadyExistsAndKeepsTheRow()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1", ("Version", 1)));

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.InsertAsync(Row(Partition, "r1", ("Version", 2))));

        // Assert
        Assert.Equal(StorageConflictReason.AlreadyExists, conflict.Reason);
        Assert.Null(conflict.FailedOperationIndex);
        var stored = await table.GetAsync(Partition, "r1");
        Assert.Equal(1, stored!.GetInt32("Version"));
        Assert.Equal(etag, stored.ETag);
    }

    [Fact]
    public async Task UpsertAsync_MissingRow_InsertsIt()
    {
        // Arrange
        var table = NewTable();

        // Act
        var etag = await table.UpsertAsync(Row(Partition, "r1", ("A", "new")));

        // Assert
        var stored = await table.GetAsync(Partition, "r1");
        Assert.Equal("new", stored!.GetString("A"));
        Assert.Equal(etag, stored.ETag);
    }

    [Fact]
    public async Task UpsertAsync_ExistingRow_ReplacesEveryPropertyAndChangesETag()
    {
        // Arrange
        var table = NewTable();
        var first = await table.InsertAsync(Row(Partition, "r1", ("A", "old"), ("B", 1)));

        // Act
        var second = await table.UpsertAsync(Row(Partition, "r1", ("A", "new")));

        // Assert
        var stored = await table.GetAsync(Partition, "r1");
        Assert.Equal("new", stored!.GetString("A"));
        Assert.False(stored.Properties.ContainsKey("B"));
        Assert.NotEqual(first, second);
        Assert.Equal(second, stored.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_CurrentETag_ReplacesTheRowAndReturnsANewETag()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1", ("A", "old"), ("B", 1)));

        // Act
        var newETag = await table.ReplaceAsync(Row(Partition, "r1", ("A", "new")), etag);

        // Assert
        var stored = await table.GetAsync(Partition, "r1");
        Assert.Equal("new", stored!.GetString("A"));
        Assert.False(stored.Properties.ContainsKey("B"));
        Assert.NotEqual(etag, newETag);
        Assert.Equal(newETag, stored.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsETagMismatchAndKeepsTheRow()
    {
        // Arrange
        var table = NewTable();
        var stale = await table.InsertAsync(Row(Partition, "r1", ("Version", 1)));
        var current = await table.UpsertAsync(Row(Partition, "r1", ("Version", 2)));

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.ReplaceAsync(Row(Partition, "r1", ("Version", 3)), stale));

        // Assert
        Assert.Equal(StorageConflictReason.ETagMismatch, conflict.Reason);
        var stored = await table.GetAsync(Partition, "r1");
        Assert.Equal(2, stored!.GetInt32("Version"));
        Assert.Equal(current, stored.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_MissingRow_ThrowsNotFound()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1"));
        await table.DeleteAsync(Partition, "r1");

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.ReplaceAsync(Row(Partition, "r1", ("A", 1)), etag));

        // Assert
        Assert.Equal(StorageConflictReason.NotFound, conflict.Reason);
        Assert.Null(await table.GetAsync(Partition, "r1"));
    }

    [Fact]
    public async Task ReplaceAsync_EmptyETag_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "r1"));

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.ReplaceAsync(Row(Partition, "r1"), string.Empty));
    }

    [Fact]
    public async Task WriteAsync_EveryWrite_ChangesTheETag()
    {
        // Arrange
        var table = NewTable();
        var etags = new List<string>();

        // Act
        etags.Add(await table.InsertAsync(Row(Partition, "r1", ("A", 1))));
        etags.Add(await table.UpsertAsync(Row(Partition, "r1", ("A", 1))));
        etags.Add(await table.ReplaceAsync(Row(Partition, "r1", ("A", 1)), etags[^1]));
        etags.Add((await table.SubmitBatchAsync([Upsert(Row(Partition, "r1", ("A", 1)))]))[0]);

        // Assert
        Assert.Equal(etags.Count, etags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task DeleteAsync_WithoutETag_RemovesTheRow()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "r1"));

        // Act
        await table.DeleteAsync(Partition, "r1");

        // Assert
        Assert.Null(await table.GetAsync(Partition, "r1"));
    }

    [Fact]
    public async Task DeleteAsync_MissingRowWithoutETag_DoesNothing()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "other"));

        // Act
        await table.DeleteAsync(Partition, "missing");

        // Assert
        Assert.NotNull(await table.GetAsync(Partition, "other"));
    }

    [Fact]
    public async Task DeleteAsync_CurrentETag_RemovesTheRow()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1"));

        // Act
        await table.DeleteAsync(Partition, "r1", etag);

        // Assert
        Assert.Null(await table.GetAsync(Partition, "r1"));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_ThrowsETagMismatchAndKeepsTheRow()
    {
        // Arrange
        var table = NewTable();
        var stale = await table.InsertAsync(Row(Partition, "r1", ("Version", 1)));
        await table.UpsertAsync(Row(Partition, "r1", ("Version", 2)));

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.DeleteAsync(Partition, "r1", stale));

        // Assert
        Assert.Equal(StorageConflictReason.ETagMismatch, conflict.Reason);
        Assert.Equal(2, (await table.GetAsync(Partition, "r1"))!.GetInt32("Version"));
    }

    [Fact]
    public async Task DeleteAsync_MissingRowWithETag_ThrowsNotFound()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1"));
        await table.DeleteAsync(Partition, "r1");

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.DeleteAsync(Partition, "r1", etag));

        // Assert
        Assert.Equal(StorageConflictReason.NotFound, conflict.Reason);
    }

    [Fact]
    public async Task GetTable_NameInOtherCase_IsTheSameTable()
    {
        // Arrange
        var name = NewTableName();
        await Store.GetTable(name).InsertAsync(Row(Partition, "r1", ("A", 1)));

        // Act
        var stored = await Store.GetTable(name.ToUpperInvariant()).GetAsync(Partition, "r1");

        // Assert
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task GetTable_TwoNames_KeepTheirRowsApart()
    {
        // Arrange
        var first = NewTable();
        var second = NewTable();
        await first.InsertAsync(Row(Partition, "r1"));

        // Act
        var fromSecond = await second.GetAsync(Partition, "r1");

        // Assert
        Assert.Null(fromSecond);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("ab-cd")]
    [InlineData("ab_cd")]
    [InlineData("tables")]
    [InlineData("")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void GetTable_InvalidName_ThrowsArgumentException(string name)
    {
        // Act + Assert
        Assert.ThrowsAny<ArgumentException>(() => Store.GetTable(name));
    }

    [Fact]
    public async Task ReplaceAsync_TwoWritersWithTheSameETag_ExactlyOneWins()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "r1", ("Writer", "none")));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var writers = new[] { "a", "b" }.Select(writer => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await table.ReplaceAsync(Row(Partition, "r1", ("Writer", writer)), etag);
                return (Writer: writer, Reason: (StorageConflictReason?)null);
            }
            catch (StorageConflictException ex)
            {
                return (Writer: writer, Reason: (StorageConflictReason?)ex.Reason);
            }
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(writers);

        // Assert
        var winner = Assert.Single(results, r => r.Reason is null);
        var loser = Assert.Single(results, r => r.Reason is not null);
        Assert.Equal(StorageConflictReason.ETagMismatch, loser.Reason);
        Assert.Equal(winner.Writer, (await table.GetAsync(Partition, "r1"))!.GetString("Writer"));
    }

    [Fact]
    public async Task InsertAsync_ManyConcurrentInsertsOfOneRow_ExactlyOneWins()
    {
        // Arrange
        var table = NewTable();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var inserts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await table.InsertAsync(Row(Partition, "r1", ("Writer", i)));
                return true;
            }
            catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.AlreadyExists)
            {
                return false;
            }
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(inserts);

        // Assert
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task ReplaceAsync_ConcurrentReadModifyWriteLoops_LoseNoUpdate()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "counter", ("Count", 0)));
        const int Writers = 4;
        const int IncrementsEach = 10;

        // Act
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < IncrementsEach;)
            {
                var current = (await table.GetAsync(Partition, "counter"))!;
                try
                {
                    await table.ReplaceAsync(Row(Partition, "counter", ("Count", current.GetInt32("Count")!.Value + 1)), current.ETag!);
                    done++;
                }
                catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.ETagMismatch)
                {
                    // Someone else won this round: read again.
                }
            }
        })));

        // Assert
        Assert.Equal(Writers * IncrementsEach, (await table.GetAsync(Partition, "counter"))!.GetInt32("Count"));
    }

    [Fact]
    public async Task SubmitBatchAsync_MixedOperations_AppliesAllAndReturnsETagsInOrder()
    {
        // Arrange
        var table = NewTable();
        var replaceETag = await table.InsertAsync(Row(Partition, "replace", ("V", 1)));
        await table.InsertAsync(Row(Partition, "delete"));

        // Act
        var etags = await table.SubmitBatchAsync(
        [
            Insert(Row(Partition, "insert", ("V", 1))),
            Upsert(Row(Partition, "upsert", ("V", 1))),
            Replace(Row(Partition, "replace", ("V", 2)), replaceETag),
            Delete(Partition, "delete"),
        ]);

        // Assert
        Assert.Equal(4, etags.Count);
        Assert.Equal(etags[0], (await table.GetAsync(Partition, "insert"))!.ETag);
        Assert.Equal(etags[1], (await table.GetAsync(Partition, "upsert"))!.ETag);
        var replaced = await table.GetAsync(Partition, "replace");
        Assert.Equal(etags[2], replaced!.ETag);
        Assert.Equal(2, replaced.GetInt32("V"));
        Assert.Equal(string.Empty, etags[3]);
        Assert.Null(await table.GetAsync(Partition, "delete"));
    }

    [Fact]
    public async Task SubmitBatchAsync_StaleETag_WritesNothingAndReportsTheFailingOperation()
    {
        // Arrange
        var table = NewTable();
        var stale = await table.InsertAsync(Row(Partition, "guarded", ("V", 1)));
        await table.UpsertAsync(Row(Partition, "guarded", ("V", 2)));
        await table.InsertAsync(Row(Partition, "doomed"));

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.SubmitBatchAsync(
        [
            Insert(Row(Partition, "new")),
            Delete(Partition, "doomed"),
            Replace(Row(Partition, "guarded", ("V", 3)), stale),
        ]));

        // Assert
        Assert.Equal(StorageConflictReason.ETagMismatch, conflict.Reason);
        Assert.Equal(2, conflict.FailedOperationIndex);
        Assert.Null(await table.GetAsync(Partition, "new"));
        Assert.NotNull(await table.GetAsync(Partition, "doomed"));
        Assert.Equal(2, (await table.GetAsync(Partition, "guarded"))!.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitBatchAsync_InsertOfExistingRow_ThrowsAlreadyExistsWithItsIndex()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "existing", ("V", 1)));

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.SubmitBatchAsync(
        [
            Upsert(Row(Partition, "a")),
            Insert(Row(Partition, "existing", ("V", 2))),
        ]));

        // Assert
        Assert.Equal(StorageConflictReason.AlreadyExists, conflict.Reason);
        Assert.Equal(1, conflict.FailedOperationIndex);
        Assert.Null(await table.GetAsync(Partition, "a"));
        Assert.Equal(1, (await table.GetAsync(Partition, "existing"))!.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitBatchAsync_ReplaceOfMissingRow_ThrowsNotFoundWithItsIndex()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "gone"));
        await table.DeleteAsync(Partition, "gone");

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.SubmitBatchAsync(
        [
            Replace(Row(Partition, "gone"), etag),
            Insert(Row(Partition, "b")),
        ]));

        // Assert
        Assert.Equal(StorageConflictReason.NotFound, conflict.Reason);
        Assert.Equal(0, conflict.FailedOperationIndex);
        Assert.Null(await table.GetAsync(Partition, "b"));
    }

    [Fact]
    public async Task SubmitBatchAsync_DeleteOfMissingRow_ThrowsNotFoundWithItsIndex()
    {
        // Arrange
        var table = NewTable();

        // Act
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => table.SubmitBatchAsync(
        [
            Insert(Row(Partition, "a")),
            Delete(Partition, "missing"),
        ]));

        // Assert
        Assert.Equal(StorageConflictReason.NotFound, conflict.Reason);
        Assert.Equal(1, conflict.FailedOperationIndex);
        Assert.Null(await table.GetAsync(Partition, "a"));
    }

    [Fact]
    public async Task SubmitBatchAsync_TwoBatchesWithTheSameETag_ExactlyOneWins()
    {
        // Arrange
        var table = NewTable();
        var etag = await table.InsertAsync(Row(Partition, "claim", ("Owner", "none")));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var batches = new[] { "a", "b" }.Select(owner => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await table.SubmitBatchAsync(
                [
                    Replace(Row(Partition, "claim", ("Owner", owner)), etag),
                    Insert(Row(Partition, "work-" + owner)),
                ]);
                return owner;
            }
            catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.ETagMismatch)
            {
                return null;
            }
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(batches);

        // Assert
        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, (await table.GetAsync(Partition, "claim"))!.GetString("Owner"));
        var work = await table.QueryAsync(Partition, "work-", "work.").ToListAsync();
        Assert.Equal(["work-" + winner], work.Select(r => r.RowKey));
    }

    [Fact]
    public async Task SubmitBatchAsync_HundredOperations_AppliesAll()
    {
        // Arrange
        var table = NewTable();
        var operations = Enumerable.Range(0, 100).Select(i => Insert(Row(Partition, $"r{i:D3}", ("I", i)))).ToList();

        // Act
        var etags = await table.SubmitBatchAsync(operations);

        // Assert
        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await table.QueryAsync(Partition).ToListAsync()).Count);
    }

    [Fact]
    public async Task SubmitBatchAsync_MoreThanHundredOperations_ThrowsArgumentExceptionAndWritesNothing()
    {
        // Arrange
        var table = NewTable();
        var operations = Enumerable.Range(0, 101).Select(i => Insert(Row(Partition, $"r{i:D3}"))).ToList();

        // Act
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync(operations));

        // Assert
        Assert.Empty(await table.QueryAsync(Partition).ToListAsync());
    }

    [Fact]
    public async Task SubmitBatchAsync_TwoPartitions_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync([Insert(Row("p1", "a")), Insert(Row("p2", "b"))]));
        Assert.Null(await table.GetAsync("p1", "a"));
    }

    [Fact]
    public async Task SubmitBatchAsync_SameRowTwice_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync([Upsert(Row(Partition, "a")), Delete(Partition, "a")]));
        Assert.Null(await table.GetAsync(Partition, "a"));
    }

    [Fact]
    public async Task SubmitBatchAsync_Empty_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync([]));
    }

    [Fact]
    public async Task SubmitBatchAsync_ReplaceWithoutETag_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();
        await table.InsertAsync(Row(Partition, "a"));

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync([new TableOperation(TableOperationKind.Replace, Row(Partition, "a"))]));
    }

    [Fact]
    public async Task QueryAsync_Partition_ReturnsRowsInOrdinalRowKeyOrder()
    {
        // Arrange
        var table = NewTable();
        string[] keys = ["b", "a", "B", "_", "Z", "10", "9", "a-", "aa", "é", "~"];
        foreach (var key in keys)
        {
            await table.InsertAsync(Row(Partition, key));
        }

        // Act
        var rows = await table.QueryAsync(Partition).ToListAsync();

        // Assert
        Assert.Equal(keys.Order(StringComparer.Ordinal), rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_Range_ReturnsFromInclusiveToExclusive()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, Partition, "2025-01-01", "2025-01-02", "2025-01-02T10", "2025-01-03", "2025-01-04");

        // Act
        var rows = await table.QueryAsync(Partition, "2025-01-02", "2025-01-04").ToListAsync();

        // Assert
        Assert.Equal(["2025-01-02", "2025-01-02T10", "2025-01-03"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_LowerBoundOnly_ReturnsFromInclusive()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, Partition, "a", "b", "c");

        // Act
        var rows = await table.QueryAsync(Partition, rowKeyFrom: "b").ToListAsync();

        // Assert
        Assert.Equal(["b", "c"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_UpperBoundOnly_ReturnsUpToExclusive()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, Partition, "a", "b", "c");

        // Act
        var rows = await table.QueryAsync(Partition, rowKeyTo: "b").ToListAsync();

        // Assert
        Assert.Equal(["a"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_EmptyRange_ReturnsNothing()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, Partition, "a", "b", "c");

        // Act
        var rows = await table.QueryAsync(Partition, "c", "a").ToListAsync();

        // Assert
        Assert.Empty(rows);
    }

    [Fact]
    public async Task QueryAsync_OtherPartitions_AreNotReturned()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, "p", "a");
        await InsertKeysAsync(table, "p1", "b");
        await InsertKeysAsync(table, "P", "c");

        // Act
        var rows = await table.QueryAsync("p").ToListAsync();

        // Assert
        Assert.Equal(["a"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_KeysWithQuotes_AreMatchedLiterally()
    {
        // Arrange
        var table = NewTable();
        await InsertKeysAsync(table, "o'brien", "it's", "x' or RowKey ne '");
        await InsertKeysAsync(table, "other", "it's");

        // Act
        var rows = await table.QueryAsync("o'brien", "it's", "it's~").ToListAsync();

        // Assert
        var row = Assert.Single(rows);
        Assert.Equal("o'brien", row.PartitionKey);
        Assert.Equal("it's", row.RowKey);
    }

    [Fact]
    public async Task QueryAsync_MoreRowsThanOnePage_ReturnsEveryRowOnceInOrder()
    {
        // Arrange
        var table = NewTable();
        const int Count = 1_500;
        foreach (var chunk in Enumerable.Range(0, Count).Chunk(100))
        {
            await table.SubmitBatchAsync(chunk.Select(i => Insert(Row(Partition, $"r{i:D5}", ("I", i)))).ToList());
        }

        // Act
        var rows = await table.QueryAsync(Partition).ToListAsync();

        // Assert
        Assert.Equal(Enumerable.Range(0, Count), rows.Select(r => r.GetInt32("I")!.Value));
    }

    [Fact]
    public async Task QueryAsync_TableNeverWritten_ReturnsNothing()
    {
        // Arrange
        var table = NewTable();

        // Act
        var rows = await table.QueryAsync(Partition).ToListAsync();

        // Assert
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData('/')]
    [InlineData('\\')]
    [InlineData('#')]
    [InlineData('?')]
    [InlineData('\u0000')]
    [InlineData('\t')]
    [InlineData('\u001F')]
    [InlineData('\u007F')]
    [InlineData('\u009F')]
    public async Task InsertAsync_KeyWithForbiddenCharacter_ThrowsArgumentException(char forbidden)
    {
        // Arrange
        var table = NewTable();
        var key = $"a{forbidden}b";

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(key, "r")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, key)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.GetAsync(Partition, key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.DeleteAsync(key, "r"));
    }

    [Fact]
    public async Task InsertAsync_KeysOf1KiB_AreStored()
    {
        // Arrange
        var table = NewTable();
        var partitionKey = new string('p', 512);
        var rowKey = new string('r', 512);

        // Act
        await table.InsertAsync(Row(partitionKey, rowKey, ("A", 1)));

        // Assert
        Assert.NotNull(await table.GetAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task InsertAsync_KeyLongerThan1KiB_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, new string('r', 513))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(new string('p', 513), "r")));
    }

    [Fact]
    public async Task InsertAsync_StringOf32KCharacters_IsStored()
    {
        // Arrange
        var table = NewTable();
        var text = new string('x', 32 * 1024);

        // Act
        await table.InsertAsync(Row(Partition, "r1", ("Text", text)));

        // Assert
        Assert.Equal(text, (await table.GetAsync(Partition, "r1"))!.GetString("Text"));
    }

    [Fact]
    public async Task InsertAsync_StringLongerThan64KiB_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", ("Text", new string('x', (32 * 1024) + 1)))));
        Assert.Null(await table.GetAsync(Partition, "r1"));
    }

    [Fact]
    public async Task InsertAsync_252Properties_AreStored()
    {
        // Arrange
        var table = NewTable();
        var properties = Enumerable.Range(0, 252).ToDictionary(i => $"P{i}", i => (object?)i);

        // Act
        await table.InsertAsync(Row(Partition, "r1", properties));

        // Assert
        Assert.Equal(252, (await table.GetAsync(Partition, "r1"))!.Properties.Count);
    }

    [Fact]
    public async Task InsertAsync_253Properties_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();
        var properties = Enumerable.Range(0, 253).ToDictionary(i => $"P{i}", i => (object?)i);

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", properties)));
    }

    [Fact]
    public async Task InsertAsync_EntityJustUnder1MiB_IsStored()
    {
        // Arrange: 16 strings of 32,000 characters are 1,024,000 bytes in UTF-16, plus overhead under 1 MiB.
        var table = NewTable();
        var properties = Enumerable.Range(0, 16).ToDictionary(i => $"P{i}", i => (object?)new string((char)('a' + i), 32_000));

        // Act
        await table.InsertAsync(Row(Partition, "r1", properties));

        // Assert
        Assert.Equal(16, (await table.GetAsync(Partition, "r1"))!.Properties.Count);
    }

    [Fact]
    public async Task InsertAsync_EntityOver1MiB_ThrowsArgumentException()
    {
        // Arrange: 17 strings of 32,000 characters are 1,088,000 bytes in UTF-16.
        var table = NewTable();
        var properties = Enumerable.Range(0, 17).ToDictionary(i => $"P{i}", i => (object?)new string('x', 32_000));

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", properties)));
        Assert.Null(await table.GetAsync(Partition, "r1"));
    }

    public static TheoryData<object> UnsupportedValues => new()
    {
        Guid.NewGuid(),
        12.5m,
        new byte[] { 1, 2 },
        new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        1.5f,
        (short)3,
        new object(),
    };

    [Theory]
    [MemberData(nameof(UnsupportedValues))]
    public async Task InsertAsync_UnsupportedPropertyType_ThrowsArgumentException(object value)
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", ("Value", value))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitBatchAsync([Upsert(Row(Partition, "r1", ("Value", value)))]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task InsertAsync_NonFiniteDouble_ThrowsArgumentException(double value)
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", ("Value", value))));
    }

    [Fact]
    public async Task InsertAsync_DateBefore1601_ThrowsArgumentException()
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", ("When", new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero)))));
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("odata.etag")]
    [InlineData("")]
    public async Task InsertAsync_InvalidPropertyName_ThrowsArgumentException(string name)
    {
        // Arrange
        var table = NewTable();

        // Act + Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.InsertAsync(Row(Partition, "r1", (name, "x"))));
    }

    /// <summary>A table of its own for each test, so tests never see each other's rows.</summary>
    protected ITable NewTable() => Store.GetTable(NewTableName());

    protected static string NewTableName() => "t" + Guid.NewGuid().ToString("N")[..20];

    private static async Task InsertKeysAsync(ITable table, string partitionKey, params string[] rowKeys)
    {
        foreach (var rowKey in rowKeys)
        {
            await table.InsertAsync(Row(partitionKey, rowKey));
        }
    }
}
