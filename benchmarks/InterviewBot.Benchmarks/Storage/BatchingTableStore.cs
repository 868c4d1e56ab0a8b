using InterviewBot.Storage.Tables;

namespace InterviewBot.Benchmarks.Storage;

/// <summary>
/// Speeds up filling a store for a scenario: unconditional upserts are collected per partition and written as batch
/// transactions of up to 100 rows, instead of one request each. Everything else goes straight through. The rows that
/// end up stored are the same; only the number of requests that store them differs, and the setup is not measured.
/// </summary>
/// <remarks>
/// An upsert is answered at once with a placeholder ETag and becomes visible only when its partition's batch is
/// written, at the latest by <see cref="FlushAsync"/>. That is fine for the setup, which never reads back a row it
/// upserted, and wrong anywhere else.
/// </remarks>
internal sealed class BatchingTableStore(ITableStore inner) : ITableStore
{
    private const int BatchSize = 100;
    private const string PendingETag = "W/\"pending\"";
    private readonly Dictionary<string, BatchingTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public ITable GetTable(string name)
    {
        lock (_tables)
        {
            if (!_tables.TryGetValue(name, out var table))
            {
                table = new BatchingTable(inner.GetTable(name));
                _tables.Add(name, table);
            }

            return table;
        }
    }

    /// <summary>Writes every upsert still waiting for its batch, <paramref name="concurrency"/> batches at a time.</summary>
    public async Task FlushAsync(int concurrency, CancellationToken cancellationToken)
    {
        List<BatchingTable> tables;
        lock (_tables)
        {
            tables = [.. _tables.Values];
        }

        var batches = tables.SelectMany(t => t.TakeAll().Select(batch => (t.Inner, Batch: batch))).ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (b, ct) =>
            {
                // A partition of one row, such as a lookup, costs less as a plain upsert than as a batch.
                if (b.Batch.Count == 1)
                {
                    await b.Inner.UpsertAsync(b.Batch[0].Row, ct).ConfigureAwait(false);
                }
                else
                {
                    await b.Inner.SubmitBatchAsync(b.Batch, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    private sealed class BatchingTable(ITable inner) : ITable
    {
        private readonly Dictionary<string, List<TableOperation>> _waiting = new(StringComparer.Ordinal);

        public ITable Inner => inner;

        public string Name => inner.Name;

        public List<List<TableOperation>> TakeAll()
        {
            lock (_waiting)
            {
                var all = _waiting.Values.ToList();
                _waiting.Clear();
                return all;
            }
        }

        public async Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default)
        {
            List<TableOperation>? full = null;
            lock (_waiting)
            {
                if (!_waiting.TryGetValue(row.PartitionKey, out var batch))
                {
                    batch = new List<TableOperation>(BatchSize);
                    _waiting.Add(row.PartitionKey, batch);
                }

                // A row upserted twice keeps its last state, as two upserts in a row would.
                batch.RemoveAll(o => string.Equals(o.Row.RowKey, row.RowKey, StringComparison.Ordinal));
                batch.Add(new TableOperation(TableOperationKind.Upsert, row));
                if (batch.Count == BatchSize)
                {
                    full = batch;
                    _waiting.Remove(row.PartitionKey);
                }
            }

            if (full is not null)
            {
                await inner.SubmitBatchAsync(full, cancellationToken).ConfigureAwait(false);
            }

            return PendingETag;
        }

        public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
            inner.GetAsync(partitionKey, rowKey, cancellationToken);

        public IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken);

        public Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default) => inner.InsertAsync(row, cancellationToken);

        public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(row, etag, cancellationToken);

        public Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(partitionKey, rowKey, etag, cancellationToken);

        public Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
            inner.SubmitBatchAsync(operations, cancellationToken);
    }
}
