using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using InterviewBot.Storage.Tables.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InterviewBot.Storage.Tables;

/// <summary>
/// A table store in a local directory with Azure Table Storage's semantics, for running without Azure. Rows live in
/// memory; every committed write or batch is one line in an append-only journal, forced to disk before the call
/// returns, and the journal is compacted into a snapshot at open and whenever it grows past a threshold. One store
/// instance owns the directory (an exclusive file lock). Keys, property types and limits are checked as the service
/// checks them, entity size estimated with the formula Azure publishes (see <c>TableRules</c>).
/// </summary>
public sealed class EmbeddedTableStore : ITableStore, IDisposable
{
    public const long DefaultCompactionThresholdBytes = 16L * 1024 * 1024;

    /// <summary>Rows returned per lock acquisition while querying, as the service pages at 1,000 entities.</summary>
    internal const int QueryPageSize = 1000;

    // Writers take the write gate for the whole commit, including the disk flush; readers only take the state gate,
    // which a writer holds just while it changes memory. So reads never wait for the disk, and a writer may read
    // memory without the state gate because no one else changes it.
    private readonly Lock _writeGate = new();
    private readonly Lock _stateGate = new();

    // Table names are case-insensitive in Azure Table Storage.
    private readonly Dictionary<string, Dictionary<string, PartitionRows>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EmbeddedTable> _handles = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmbeddedFiles _files;
    private readonly long _compactionThresholdBytes;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private long _version;
    private volatile bool _disposed;

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/> and loads its data.</summary>
    /// <exception cref="InvalidOperationException">Another process or instance has the directory open.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt before its last line.</exception>
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
            _version = loaded.Version;
            if (loaded.TornBytes > 0)
            {
                StorageLog.TornJournalTailIgnored(_logger, _files.JournalPath, loaded.TornBytes);
            }

            _files.OpenJournal();
            if (_files.JournalLength > 0)
            {
                Compact();
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

    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name, nameof(name));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _handles.GetOrAdd(name, static (n, store) => new EmbeddedTable(store, n), this);
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _files.Dispose();
        }
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
    /// Checks every operation's condition against the current rows, then journals and applies them together, or
    /// throws <see cref="StorageConflictException"/> having written nothing.
    /// </summary>
    internal string[] Commit(
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
            var partition = FindPartition(table, partitionKey);
            var timestamp = _timeProvider.GetUtcNow().ToUniversalTime();
            var version = _version;
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                var rowKey = operation.Row.RowKey;
                var existing = partition?.Get(rowKey);
                int? index = isBatch ? i : null;
                switch (operation.Kind)
                {
                    case TableOperationKind.Insert when existing is not null:
                        throw new StorageConflictException(StorageConflictReason.AlreadyExists, $"Row '{partitionKey}'/'{rowKey}' already exists.", index);
                    case TableOperationKind.Replace or TableOperationKind.Delete when existing is null && (operation.ETag is not null || isBatch):
                        throw new StorageConflictException(StorageConflictReason.NotFound, $"Row '{partitionKey}'/'{rowKey}' does not exist.", index);
                    case TableOperationKind.Replace or TableOperationKind.Delete when existing is not null && !ETagMatches(operation.ETag, existing.ETag):
                        throw new StorageConflictException(StorageConflictReason.ETagMismatch, $"Row '{partitionKey}'/'{rowKey}' changed since it was read.", index);
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
                return etags;
            }

            // A record needs a version of its own even when it only deletes, so a replay can tell it from the snapshot.
            version = Math.Max(version, _version + 1);
            var record = new JournalRecord(version, table, partitionKey, writes);
            _files.Append(JournalCodec.Encode(record));
            lock (_stateGate)
            {
                Apply(record);
                _version = version;
            }

            if (_files.JournalLength > _compactionThresholdBytes)
            {
                Compact();
            }
        }

        return etags;
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

    private void Compact()
    {
        var started = Stopwatch.GetTimestamp();
        var journalBytes = _files.JournalLength;
        _files.Compact(_version, SnapshotRecords());
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var rows = CountRows();
            StorageLog.EmbeddedStoreCompacted(_logger, rows, journalBytes, elapsed);
        }
    }

    private IEnumerable<JournalRecord> SnapshotRecords()
    {
        foreach (var (table, partitions) in _tables)
        {
            foreach (var (partitionKey, rows) in partitions)
            {
                foreach (var chunk in rows.Rows.Chunk(QueryPageSize))
                {
                    yield return new JournalRecord(_version, table, partitionKey, Array.ConvertAll(chunk, row => new RowWrite(row.RowKey, row)));
                }
            }
        }
    }

    private long CountRows() => _tables.Values.Sum(partitions => partitions.Values.Sum(rows => (long)rows.Count));
}
