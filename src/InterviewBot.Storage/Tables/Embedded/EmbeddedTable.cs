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
        Write(TableOperationKind.Insert, row, null, cancellationToken);

    public Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default) =>
        Write(TableOperationKind.Upsert, row, null, cancellationToken);

    public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            TableRules.ValidateETag(etag, nameof(etag));
            return Commit(TableOperationKind.Replace, row, etag);
        }, cancellationToken);

    public Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            TableRules.ValidateKey(partitionKey, nameof(partitionKey));
            TableRules.ValidateKey(rowKey, nameof(rowKey));
            if (etag is not null)
            {
                TableRules.ValidateETag(etag, nameof(etag));
            }

            var operation = new TableOperation(TableOperationKind.Delete, new StoredRow(partitionKey, rowKey, NoProperties), etag);
            return store.Commit(name, [operation], [null], isBatch: false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            var properties = TableRules.ValidateBatch(operations, nameof(operations));
            return store.Commit(name, operations, properties, isBatch: true);
        }, cancellationToken);

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

    private Task<string> Write(TableOperationKind kind, StoredRow row, string? etag, CancellationToken cancellationToken) =>
        Run(() => Commit(kind, row, etag), cancellationToken);

    private string Commit(TableOperationKind kind, StoredRow row, string? etag)
    {
        var properties = TableRules.ValidateRow(row, nameof(row));
        return store.Commit(name, [new TableOperation(kind, row, etag)], [properties], isBatch: false)[0];
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
