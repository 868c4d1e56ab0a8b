using System.Collections.ObjectModel;

namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>One table of an <see cref="EmbeddedTableStore"/>; all state lives in the store.</summary>
internal sealed class EmbeddedTable(EmbeddedTableStore store, string name) : ITable
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = ReadOnlyDictionary<string, object?>.Empty;

    public string Name => name;

    public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            TableRules.ValidateKey(partitionKey, nameof(partitionKey));
            TableRules.ValidateKey(rowKey, nameof(rowKey));
            return store.Get(name, partitionKey, rowKey);
        }, cancellationToken);

    public IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return Enumerate(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken).ToAsyncEnumerable();
    }

    public Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(TableOperationKind.Insert, row, null, cancellationToken);

    public Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(TableOperationKind.Upsert, row, null, cancellationToken);

    public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default) =>
        WriteAsync(TableOperationKind.Replace, row, etag, cancellationToken);

    public async Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TableRules.ValidateKey(partitionKey, nameof(partitionKey));
        TableRules.ValidateKey(rowKey, nameof(rowKey));
        if (etag is not null)
        {
            TableRules.ValidateETag(etag, nameof(etag));
        }

        var operation = new TableOperation(TableOperationKind.Delete, new StoredRow(partitionKey, rowKey, NoProperties), etag);
        await store.CommitAsync(name, [operation], [null], isBatch: false).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var properties = TableRules.ValidateBatch(operations, nameof(operations));
        return await store.CommitAsync(name, operations, properties, isBatch: true).ConfigureAwait(false);
    }

    private static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        // The work is synchronous; failures still travel in the task, as they would from the Azure store.
        try
        {
            return Task.FromResult(work());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    // Once queued, a write is not cancelled: it reaches the disk within one flush whether or not anyone waits for it.
    private async Task<string> WriteAsync(TableOperationKind kind, StoredRow row, string? etag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (kind == TableOperationKind.Replace)
        {
            TableRules.ValidateETag(etag, nameof(etag));
        }

        var properties = TableRules.ValidateRow(row, nameof(row));
        var etags = await store.CommitAsync(name, [new TableOperation(kind, row, etag)], [properties], isBatch: false).ConfigureAwait(false);
        return etags[0];
    }

    private IEnumerable<StoredRow> Enumerate(string partitionKey, string? rowKeyFrom, string? rowKeyTo, CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = store.ReadPage(name, partitionKey, rowKeyFrom, after, rowKeyTo);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < EmbeddedTableStore.QueryPageSize)
            {
                yield break;
            }

            after = page[^1].RowKey;
        }
    }
}
