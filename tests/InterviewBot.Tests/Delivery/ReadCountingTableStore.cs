using System.Collections.Concurrent;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Tests.Delivery;

/// <summary>Passes everything through to another table store and counts the point reads made of each table.</summary>
internal sealed class ReadCountingTableStore(ITableStore inner) : ITableStore
{
    private readonly ConcurrentDictionary<string, int> _pointReads = new(StringComparer.OrdinalIgnoreCase);

    public int PointReads(string table) => _pointReads.GetValueOrDefault(table);

    public ITable GetTable(string name) => new CountingTable(inner.GetTable(name), this);

    private sealed class CountingTable(ITable inner, ReadCountingTableStore owner) : ITable
    {
        public string Name => inner.Name;

        public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        {
            owner._pointReads.AddOrUpdate(Name, 1, (_, count) => count + 1);
            return inner.GetAsync(partitionKey, rowKey, cancellationToken);
        }

        public IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken);

        public Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default) => inner.InsertAsync(row, cancellationToken);

        public Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default) => inner.UpsertAsync(row, cancellationToken);

        public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(row, etag, cancellationToken);

        public Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(partitionKey, rowKey, etag, cancellationToken);

        public Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
            inner.SubmitBatchAsync(operations, cancellationToken);
    }
}
