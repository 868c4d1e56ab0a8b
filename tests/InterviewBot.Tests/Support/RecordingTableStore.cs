using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Tests.Support;

/// <summary>
/// Wraps a real table store: records every write that succeeded, and can hold the first readers of a partition
/// until they have all read, so that races the production code must survive happen on every run.
/// </summary>
internal sealed class RecordingTableStore(ITableStore inner) : ITableStore, IDisposable
{
    private readonly ConcurrentDictionary<string, RecordingTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedWrite> _writes = new();
    private readonly ConcurrentDictionary<string, PartitionBarrier> _barriers = new(StringComparer.OrdinalIgnoreCase);

    public ITableStore Inner => inner;

    public IReadOnlyList<RecordedWrite> Writes => [.. _writes];

    public ITable GetTable(string name) => _tables.GetOrAdd(name, n => new RecordingTable(inner.GetTable(n), this));

    /// <summary>Makes the first <paramref name="readers"/> queries of each partition of <paramref name="table"/> wait for one another.</summary>
    public void HoldQueriesUntil(string table, int readers) => _barriers[table] = new PartitionBarrier(readers);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private void Record(string table, string operation, string partitionKey, string rowKey) =>
        _writes.Enqueue(new RecordedWrite(table, operation, partitionKey, rowKey));

    private sealed class RecordingTable(ITable inner, RecordingTableStore owner) : ITable
    {
        public string Name => inner.Name;

        public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
            inner.GetAsync(partitionKey, rowKey, cancellationToken);

        public async IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (owner._barriers.TryGetValue(Name, out var barrier))
            {
                await barrier.ArriveAsync(partitionKey).ConfigureAwait(false);
            }

            await foreach (var row in inner.QueryAsync(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }

        public async Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default)
        {
            var etag = await inner.InsertAsync(row, cancellationToken).ConfigureAwait(false);
            owner.Record(Name, "Insert", row.PartitionKey, row.RowKey);
            return etag;
        }

        public async Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default)
        {
            var etag = await inner.UpsertAsync(row, cancellationToken).ConfigureAwait(false);
            owner.Record(Name, "Upsert", row.PartitionKey, row.RowKey);
            return etag;
        }

        public async Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default)
        {
            var next = await inner.ReplaceAsync(row, etag, cancellationToken).ConfigureAwait(false);
            owner.Record(Name, "Replace", row.PartitionKey, row.RowKey);
            return next;
        }

        public async Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default)
        {
            await inner.DeleteAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            owner.Record(Name, "Delete", partitionKey, rowKey);
        }

        public async Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
        {
            var etags = await inner.SubmitBatchAsync(operations, cancellationToken).ConfigureAwait(false);
            foreach (var operation in operations)
            {
                owner.Record(Name, operation.Kind.ToString(), operation.Row.PartitionKey, operation.Row.RowKey);
            }

            return etags;
        }
    }

    private sealed class PartitionBarrier(int readers)
    {
        // Long enough for a slow machine, short enough that a broken race fails instead of hanging the run.
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

        public Task ArriveAsync(string partitionKey)
        {
            var gate = _gates.GetOrAdd(partitionKey, _ => new Gate());
            var arrived = Interlocked.Increment(ref gate.Arrived);
            if (arrived > readers)
            {
                return Task.CompletedTask;
            }

            if (arrived == readers)
            {
                gate.Released.TrySetResult();
            }

            return gate.Released.Task.WaitAsync(Timeout);
        }

        private sealed class Gate
        {
            public int Arrived;
            public readonly TaskCompletionSource Released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

internal sealed record RecordedWrite(string Table, string Operation, string PartitionKey, string RowKey);
