using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Benchmarks.Storage;

/// <summary>Wraps a table store and counts every request made through it, and the time spent in it, per table.</summary>
internal sealed class CountingTableStore(ITableStore inner) : ITableStore
{
    private readonly ConcurrentDictionary<string, CountingTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public ITable GetTable(string name) => _tables.GetOrAdd(name, n => new CountingTable(inner.GetTable(n)));

    /// <summary>What each table was asked since the last <see cref="Reset"/>; tables never asked are left out.</summary>
    public IReadOnlyDictionary<string, StorageCounts> Snapshot() =>
        _tables.Values
            .Select(t => (t.Name, Counts: t.Counts))
            .Where(t => t.Counts.Requests > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(t => t.Name, t => t.Counts, StringComparer.Ordinal);

    public void Reset()
    {
        foreach (var table in _tables.Values)
        {
            table.Reset();
        }
    }

    private sealed class CountingTable(ITable inner) : ITable
    {
        private long _pointReads;
        private long _queries;
        private long _rowsReturned;
        private long _writes;
        private long _readTicks;
        private long _writeTicks;

        public string Name => inner.Name;

        public StorageCounts Counts => new(
            Interlocked.Read(ref _pointReads),
            Interlocked.Read(ref _queries),
            Interlocked.Read(ref _rowsReturned),
            Interlocked.Read(ref _writes),
            Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _readTicks)),
            Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks)));

        public void Reset()
        {
            Interlocked.Exchange(ref _pointReads, 0);
            Interlocked.Exchange(ref _queries, 0);
            Interlocked.Exchange(ref _rowsReturned, 0);
            Interlocked.Exchange(ref _writes, 0);
            Interlocked.Exchange(ref _readTicks, 0);
            Interlocked.Exchange(ref _writeTicks, 0);
        }

        public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _pointReads);
            return Timed(() => inner.GetAsync(partitionKey, rowKey, cancellationToken), isWrite: false);
        }

        public async IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _queries);

            // Only the time spent fetching rows is the store's; the time between rows is the caller's.
            var rows = inner.QueryAsync(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (rows.ConfigureAwait(false))
            {
                while (true)
                {
                    var started = Stopwatch.GetTimestamp();
                    var more = await rows.MoveNextAsync().ConfigureAwait(false);
                    Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - started);
                    if (!more)
                    {
                        break;
                    }

                    Interlocked.Increment(ref _rowsReturned);
                    yield return rows.Current;
                }
            }
        }

        public Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return Timed(() => inner.InsertAsync(row, cancellationToken), isWrite: true);
        }

        public Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return Timed(() => inner.UpsertAsync(row, cancellationToken), isWrite: true);
        }

        public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return Timed(() => inner.ReplaceAsync(row, etag, cancellationToken), isWrite: true);
        }

        public async Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.DeleteAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started);
            }
        }

        public Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
        {
            // One entity-group transaction is one request, however many rows it holds.
            Interlocked.Increment(ref _writes);
            return Timed(() => inner.SubmitBatchAsync(operations, cancellationToken), isWrite: true);
        }

        // The clock starts before the call is made: the embedded store does all its work before it returns the task.
        private async Task<T> Timed<T>(Func<Task<T>> call, bool isWrite)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await call().ConfigureAwait(false);
            }
            finally
            {
                var elapsed = Stopwatch.GetTimestamp() - started;
                if (isWrite)
                {
                    Interlocked.Add(ref _writeTicks, elapsed);
                }
                else
                {
                    Interlocked.Add(ref _readTicks, elapsed);
                }
            }
        }
    }
}
