using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using InterviewBot.Storage.Tables.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InterviewBot.Storage.Tables;

/// <summary>
/// A table store in a local directory with Azure Table Storage's semantics, for running without Azure. Rows live in
/// memory; every committed write or batch is one line in an append-only journal, on disk before the call returns,
/// and the journal is compacted into a snapshot in the background, at open and whenever it grows past a threshold.
/// One store instance owns the directory (an exclusive file lock). Keys, property types and limits are checked as
/// the service checks them, entity size estimated with the formula Azure publishes (see <c>TableRules</c>).
/// </summary>
/// <remarks>
/// <para>
/// Writes are group-committed. A writer checks its conditions and takes its ETags under a short lock, queues its
/// record and waits; one flusher at a time appends everything queued as one commit group, forces it to disk once,
/// then makes the rows visible to readers and releases the writers. So writers that arrive together share one
/// flush, no call returns before its record is on disk, and readers never see a row that is not. Conditions are
/// checked against the newest rows, queued ones included, so ETags and insert-once behave exactly as with one
/// writer at a time; a verdict that rests on a queued row is given only once that row is on disk, and decided again
/// if its flush failed.
/// </para>
/// <para>
/// Compaction never holds up a write: the flusher sets the journal aside between two groups and starts a fresh
/// one, and a background task writes a snapshot of the rows while writes go on (see <see cref="EmbeddedFiles"/>).
/// </para>
/// </remarks>
public sealed class EmbeddedTableStore : ITableStore, IDisposable
{
    public const long DefaultCompactionThresholdBytes = 16L * 1024 * 1024;

    /// <summary>Rows returned per lock acquisition while querying, as the service pages at 1,000 entities.</summary>
    internal const int QueryPageSize = 1000;

    // The write gate orders writers: their checks, the queue, the pending rows and the version counter. The state gate
    // guards the visible rows, which readers and compaction read; only the flusher changes them, holding both gates
    // for as long as that takes in memory. Neither gate is ever held while waiting for the disk.
    private readonly Lock _writeGate = new();
    private readonly Lock _stateGate = new();

    // Table names are case-insensitive in Azure Table Storage.
    private readonly Dictionary<string, Dictionary<string, PartitionRows>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EmbeddedTable> _handles = new(StringComparer.OrdinalIgnoreCase);
    private readonly PendingRows _pending = new();
    private readonly EmbeddedFiles _files;
    private readonly long _compactionThresholdBytes;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _closing = new();
    private List<JournalRecord> _queue = [];
    private CommitGroup _openGroup = new();
    private Task? _flusher;
    private Task _compaction = Task.CompletedTask;
    private long _version;
    private long _durableVersion;
    private long _flushes;
    private volatile bool _disposed;

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/> and loads its data.</summary>
    /// <exception cref="InvalidOperationException">Another process or instance has the directory open.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt before its last commit.</exception>
    public EmbeddedTableStore(
        string dataDirectory,
        long compactionThresholdBytes = DefaultCompactionThresholdBytes,
        ILogger<EmbeddedTableStore>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(compactionThresholdBytes);
        _compactionThresholdBytes = compactionThresholdBytes;
        _logger = logger ?? NullLogger<EmbeddedTableStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        DataDirectory = Path.GetFullPath(dataDirectory);

        _files = new EmbeddedFiles(DataDirectory);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var loaded = _files.Load(Apply);
            _version = _durableVersion = loaded.Version;
            if (loaded.TornBytes > 0)
            {
                StorageLog.TornJournalTailIgnored(_logger, _files.JournalPath, loaded.TornBytes);
            }

            _files.OpenJournal(loaded.JournalBytes - loaded.TornBytes);
            if (_files.JournalLength > 0 || loaded.Segments > 0)
            {
                StartCompaction();
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var rows = CountRows();
                StorageLog.EmbeddedStoreOpened(_logger, DataDirectory, rows, loaded.JournalRecords, elapsed);
            }
        }
        catch
        {
            _files.Dispose();
            throw;
        }
    }

    /// <summary>The full path of the directory the store keeps its files in.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Commit groups forced to disk since the store was opened: one per write when writes come one at a time, fewer
    /// when they come together.
    /// </summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>For tests: runs on the flusher before each commit group is written; what it throws fails the group.</summary>
    internal Action? BeforeFlush { get; set; }

    /// <summary>For tests: runs in the background compaction once the journal has been set aside, before the snapshot is written.</summary>
    internal Action<CancellationToken>? BeforeSnapshot { get; set; }

    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name, nameof(name));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _handles.GetOrAdd(name, static (n, store) => new EmbeddedTable(store, n), this);
    }

    /// <summary>
    /// Returns once the compaction running in the background, if any, has finished: for tools that measure the
    /// store and want it quiet. A compaction that failed is logged and retried later, not thrown here.
    /// </summary>
    public Task WaitForCompactionAsync(CancellationToken cancellationToken = default)
    {
        Task compaction;
        lock (_writeGate)
        {
            compaction = _compaction;
        }

        return compaction.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for queued writes to reach the disk and for a running compaction to stop, then releases the directory.</summary>
    public void Dispose()
    {
        Task? flusher;
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            flusher = _flusher;
        }

        // No writer can queue any more; the flushes drain what is queued, starting no compaction, and stop.
        while (flusher is not null)
        {
            flusher.Wait();
            lock (_writeGate)
            {
                flusher = _flusher;
            }
        }

        Task compaction;
        lock (_writeGate)
        {
            compaction = _compaction;
        }

        _closing.Cancel();
        compaction.Wait();
        _files.Dispose();
        _closing.Dispose();
    }

    internal StoredRow? Get(string table, string partitionKey, string rowKey)
    {
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return FindPartition(table, partitionKey)?.Get(rowKey);
        }
    }

    internal List<StoredRow> ReadPage(string table, string partitionKey, string? rowKeyFrom, string? afterRowKey, string? rowKeyTo)
    {
        var page = new List<StoredRow>();
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FindPartition(table, partitionKey)?.CopyRange(rowKeyFrom, afterRowKey, rowKeyTo, QueryPageSize, page);
        }

        return page;
    }

    /// <summary>
    /// Checks every operation's condition against the newest rows, then journals and applies them together, or
    /// throws <see cref="StorageConflictException"/> having written nothing. Completes once the record is on disk.
    /// </summary>
    internal async Task<string[]> CommitAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<IReadOnlyDictionary<string, object?>?> properties,
        bool isBatch)
    {
        while (true)
        {
            var decision = Decide(table, operations, properties, isBatch);
            if (decision.Queued is { } group)
            {
                await group.Durable.ConfigureAwait(false);
                return decision.ETags;
            }

            if (decision.RestsOn is { } pending)
            {
                try
                {
                    await pending.Durable.ConfigureAwait(false);
                }
                catch (Exception) when (!_disposed)
                {
                    // The rows the verdict rested on were never written: decide again on what is.
                    continue;
                }
            }

            return decision.Conflict is { } conflict ? throw conflict : decision.ETags;
        }
    }

    private Decision Decide(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<IReadOnlyDictionary<string, object?>?> properties,
        bool isBatch)
    {
        var partitionKey = operations[0].Row.PartitionKey;
        var etags = new string[operations.Count];
        var writes = new List<RowWrite>(operations.Count);
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_files.IsBroken)
            {
                throw new IOException($"An earlier write to {_files.JournalPath} failed and could not be undone; reopen the store.");
            }

            var partition = FindPartition(table, partitionKey);
            var timestamp = _timeProvider.GetUtcNow().ToUniversalTime();
            var version = _version;
            PendingRow? restsOn = null;
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                var rowKey = operation.Row.RowKey;
                StoredRow? existing;
                if (_pending.TryGet(table, partitionKey, rowKey, out var pending))
                {
                    existing = pending.Row;
                    restsOn = restsOn is { } earlier && earlier.RecordVersion > pending.RecordVersion ? earlier : pending;
                }
                else
                {
                    existing = partition?.Get(rowKey);
                }

                int? index = isBatch ? i : null;
                var conflict = operation.Kind switch
                {
                    TableOperationKind.Insert when existing is not null =>
                        new StorageConflictException(StorageConflictReason.AlreadyExists, $"Row '{partitionKey}'/'{rowKey}' already exists.", index),
                    TableOperationKind.Replace or TableOperationKind.Delete when existing is null && (operation.ETag is not null || isBatch) =>
                        new StorageConflictException(StorageConflictReason.NotFound, $"Row '{partitionKey}'/'{rowKey}' does not exist.", index),
                    TableOperationKind.Replace or TableOperationKind.Delete when existing is not null && !ETagMatches(operation.ETag, existing.ETag) =>
                        new StorageConflictException(StorageConflictReason.ETagMismatch, $"Row '{partitionKey}'/'{rowKey}' changed since it was read.", index),
                    _ => null,
                };
                if (conflict is not null)
                {
                    return new Decision(etags, null, restsOn?.Group, conflict);
                }

                switch (operation.Kind)
                {
                    case TableOperationKind.Delete when existing is null:
                        etags[i] = string.Empty;
                        break;
                    case TableOperationKind.Delete:
                        etags[i] = string.Empty;
                        writes.Add(new RowWrite(rowKey, null));
                        break;
                    default:
                        version++;
                        etags[i] = FormatETag(version);
                        var row = new StoredRow(partitionKey, rowKey, properties[i]!) { ETag = etags[i], Timestamp = timestamp };
                        writes.Add(new RowWrite(rowKey, row));
                        break;
                }
            }

            if (writes.Count == 0)
            {
                return new Decision(etags, null, restsOn?.Group, null);
            }

            // A record needs a version of its own even when it only deletes, so a replay can tell it from the snapshot.
            _version = Math.Max(version, _version + 1);
            var record = new JournalRecord(_version, table, partitionKey, writes);
            _queue.Add(record);
            _pending.Add(record, _openGroup);
            _flusher ??= Task.Run(Flush);
            return new Decision(etags, _openGroup, null, null);
        }
    }

    /// <summary>
    /// Writes what is queued as one commit group, forces it to disk once, makes it visible and releases its writers.
    /// One flush runs at a time: the writer that finds none running starts one, and each flush that leaves writes
    /// queued starts the next.
    /// </summary>
    private void Flush()
    {
        List<JournalRecord> records;
        CommitGroup group;
        lock (_writeGate)
        {
            if (_queue.Count == 0)
            {
                _flusher = null;
                return;
            }

            (records, _queue) = (_queue, []);
            (group, _openGroup) = (_openGroup, new CommitGroup());
        }

        try
        {
            BeforeFlush?.Invoke();
            _files.Append(records);
        }
        catch (Exception ex)
        {
            Abandon(group, ex);
            return;
        }

        Interlocked.Increment(ref _flushes);
        bool compact;
        lock (_writeGate)
        {
            lock (_stateGate)
            {
                foreach (var record in records)
                {
                    Apply(record);
                }
            }

            foreach (var record in records)
            {
                _pending.Remove(record);
            }

            _durableVersion = records[^1].Version;
            compact = !_disposed && _compaction.IsCompleted && _files.JournalLength > _compactionThresholdBytes;
        }

        // Set aside before the writers are released, so that a writer who crossed the threshold finds the
        // compaction started.
        if (compact)
        {
            StartCompaction();
        }

        group.Complete();
        ScheduleNextFlush();
    }

    /// <summary>
    /// Starts the next flush if writes are queued, as a new work item behind the continuations of the writers just
    /// released rather than at once, so that those who write again straight away can still join its group.
    /// </summary>
    private void ScheduleNextFlush()
    {
        lock (_writeGate)
        {
            _flusher = _queue.Count == 0 ? null : Task.Run(Flush);
        }
    }

    /// <summary>
    /// After a failed flush, fails its group and everything queued behind it: those writers' conditions were checked
    /// against rows that will never exist.
    /// </summary>
    private void Abandon(CommitGroup failed, Exception exception)
    {
        var queued = false;
        CommitGroup next;
        lock (_writeGate)
        {
            _pending.Clear();
            queued = _queue.Count > 0;
            _queue = [];
            (next, _openGroup) = (_openGroup, new CommitGroup());
        }

        EmbeddedStoreLog.JournalWriteFailed(_logger, exception, _files.JournalPath);
        failed.Fail(exception);
        if (queued)
        {
            next.Fail(exception);
        }

        ScheduleNextFlush();
    }

    /// <summary>
    /// Sets the journal aside and compacts it in the background. Called by the flusher between two groups, or at
    /// open before any writer, so no append runs meanwhile.
    /// </summary>
    private void StartCompaction()
    {
        long version;
        lock (_writeGate)
        {
            version = _durableVersion;
        }

        var journalBytes = _files.JournalLength;
        try
        {
            if (journalBytes > 0)
            {
                _files.Rotate(version);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EmbeddedStoreLog.CompactionFailed(_logger, ex, DataDirectory);
            return;
        }

        var token = _closing.Token;
        lock (_writeGate)
        {
            _compaction = Task.Run(() => Compact(version, journalBytes, token), CancellationToken.None);
        }
    }

    private void Compact(long version, long journalBytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            BeforeSnapshot?.Invoke(cancellationToken);
            _files.WriteSnapshot(version, SnapshotRecords(version, cancellationToken), cancellationToken);
            _files.DeleteSegmentsThrough(version);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Closing: the segments stay and are compacted at the next open.
            return;
        }
        catch (Exception ex)
        {
            // Nothing is lost: the segments stay and go into the next compaction.
            EmbeddedStoreLog.CompactionFailed(_logger, ex, DataDirectory);
            return;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            long rows;
            lock (_stateGate)
            {
                rows = CountRows();
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            StorageLog.EmbeddedStoreCompacted(_logger, rows, journalBytes, elapsed);
        }
    }

    /// <summary>
    /// Every visible row, one partition at a time, each copied under the state gate. Rows written meanwhile may or may
    /// not be included; their records are in the new journal either way.
    /// </summary>
    private IEnumerable<JournalRecord> SnapshotRecords(long version, CancellationToken cancellationToken)
    {
        var partitions = new List<(string Table, string PartitionKey, PartitionRows Rows)>();
        lock (_stateGate)
        {
            foreach (var (table, tablePartitions) in _tables)
            {
                foreach (var (partitionKey, rows) in tablePartitions)
                {
                    partitions.Add((table, partitionKey, rows));
                }
            }
        }

        foreach (var (table, partitionKey, rows) in partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StoredRow[] copy;
            lock (_stateGate)
            {
                copy = [.. rows.Rows];
            }

            foreach (var chunk in copy.Chunk(QueryPageSize))
            {
                yield return new JournalRecord(version, table, partitionKey, Array.ConvertAll(chunk, row => new RowWrite(row.RowKey, row)));
            }
        }
    }

    private static bool ETagMatches(string? expected, string? actual) =>
        expected is null || expected == "*" || string.Equals(expected, actual, StringComparison.Ordinal);

    private static string FormatETag(long version) =>
        string.Create(CultureInfo.InvariantCulture, $"W/\"{version}\"");

    private PartitionRows? FindPartition(string table, string partitionKey) =>
        _tables.TryGetValue(table, out var partitions) && partitions.TryGetValue(partitionKey, out var rows) ? rows : null;

    private void Apply(JournalRecord record)
    {
        if (!_tables.TryGetValue(record.Table, out var partitions))
        {
            partitions = new Dictionary<string, PartitionRows>(StringComparer.Ordinal);
            _tables.Add(record.Table, partitions);
        }

        if (!partitions.TryGetValue(record.PartitionKey, out var rows))
        {
            rows = new PartitionRows();
            partitions.Add(record.PartitionKey, rows);
        }

        foreach (var write in record.Writes)
        {
            if (write.Row is null)
            {
                rows.Remove(write.RowKey);
            }
            else
            {
                rows.Put(write.Row);
            }
        }

        if (rows.Count == 0)
        {
            partitions.Remove(record.PartitionKey);
        }
    }

    private long CountRows() => _tables.Values.Sum(partitions => partitions.Values.Sum(rows => (long)rows.Count));

    /// <summary>
    /// What a writer's checks came to: queued in a commit group, or answered without writing. An answer that rests on
    /// a row still waiting for the disk is given once that row's group is durable.
    /// </summary>
    private readonly record struct Decision(string[] ETags, CommitGroup? Queued, CommitGroup? RestsOn, StorageConflictException? Conflict);
}
