using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace InterviewBot.Storage.Tables;

/// <summary>One table of an <see cref="AzureTableStore"/>: maps the port onto a <see cref="TableClient"/>.</summary>
internal sealed class AzureTable(TableClient client, string name, ILogger logger) : ITable
{
    private const string TableNotFound = "TableNotFound";

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey",
        "RowKey",
        "Timestamp",
        "odata.etag",
    };

    private readonly Lock _creationGate = new();
    private Task? _creation;

    public string Name => name;

    public async Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, nameof(partitionKey));
        TableRules.ValidateKey(rowKey, nameof(rowKey));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var filter = (rowKeyFrom, rowKeyTo) switch
        {
            (null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"),
            (_, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyFrom}"),
            (null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey lt {rowKeyTo}"),
            _ => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyFrom} and RowKey lt {rowKeyTo}"),
        };
        return QueryCoreAsync(filter, cancellationToken);
    }

    public async Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(row, TableRules.ValidateRow(row, nameof(row)));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new StorageConflictException(StorageConflictReason.AlreadyExists, $"Row '{row.PartitionKey}'/'{row.RowKey}' already exists.", null, ex);
        }
    }

    public async Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(row, TableRules.ValidateRow(row, nameof(row)));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return ETagOf(response);
    }

    public async Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateETag(etag, nameof(etag));
        var entity = ToEntity(row, TableRules.ValidateRow(row, nameof(row)));
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (Conflict(ex) is { } reason)
        {
            throw new StorageConflictException(reason, Describe(reason, row.PartitionKey, row.RowKey), null, ex);
        }
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, nameof(partitionKey));
        TableRules.ValidateKey(rowKey, nameof(rowKey));
        if (etag is not null)
        {
            TableRules.ValidateETag(etag, nameof(etag));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The client reports a missing row as a plain 404 response rather than an exception.
            var response = await client.DeleteEntityAsync(partitionKey, rowKey, etag is null ? ETag.All : new ETag(etag), cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && etag is not null)
            {
                throw new StorageConflictException(StorageConflictReason.NotFound, Describe(StorageConflictReason.NotFound, partitionKey, rowKey));
            }
        }
        catch (RequestFailedException ex) when (Conflict(ex) is { } reason)
        {
            throw new StorageConflictException(reason, Describe(reason, partitionKey, rowKey), null, ex);
        }
    }

    public async Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        var properties = TableRules.ValidateBatch(operations, nameof(operations));
        var actions = new List<TableTransactionAction>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            actions.Add(operation.Kind switch
            {
                TableOperationKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(operation.Row, properties[i]!)),
                TableOperationKind.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(operation.Row, properties[i]!)),
                TableOperationKind.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(operation.Row, properties[i]!), new ETag(operation.ETag!)),
                _ => new TableTransactionAction(
                    TableTransactionActionType.Delete,
                    new TableEntity(operation.Row.PartitionKey, operation.Row.RowKey),
                    operation.ETag is null ? ETag.All : new ETag(operation.ETag)),
            });
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var etags = new string[operations.Count];
            for (var i = 0; i < etags.Length; i++)
            {
                etags[i] = operations[i].Kind == TableOperationKind.Delete ? string.Empty : ETagOf(response.Value[i]);
            }

            return etags;
        }
        catch (TableTransactionFailedException ex) when (Conflict(ex) is { } reason)
        {
            var index = ex.FailedTransactionActionIndex;
            var row = index is { } i && i >= 0 && i < operations.Count ? operations[i].Row : operations[0].Row;
            throw new StorageConflictException(reason, Describe(reason, row.PartitionKey, row.RowKey), index, ex);
        }
    }

    private static StorageConflictReason? Conflict(RequestFailedException ex) => ex.Status switch
    {
        409 => StorageConflictReason.AlreadyExists,
        412 => StorageConflictReason.ETagMismatch,
        404 when ex.ErrorCode != TableNotFound => StorageConflictReason.NotFound,
        _ => null,
    };

    private static string Describe(StorageConflictReason reason, string partitionKey, string rowKey) => reason switch
    {
        StorageConflictReason.AlreadyExists => $"Row '{partitionKey}'/'{rowKey}' already exists.",
        StorageConflictReason.NotFound => $"Row '{partitionKey}'/'{rowKey}' does not exist.",
        _ => $"Row '{partitionKey}'/'{rowKey}' changed since it was read.",
    };

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");

    private static TableEntity ToEntity(StoredRow row, IReadOnlyDictionary<string, object?> properties)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (key, value) in properties)
        {
            entity[key] = value;
        }

        return entity;
    }

    private static StoredRow ToRow(TableEntity entity)
    {
        var properties = new Dictionary<string, object?>(entity.Count, StringComparer.Ordinal);
        foreach (var (key, value) in entity)
        {
            if (SystemProperties.Contains(key))
            {
                continue;
            }

            properties[key] = value switch
            {
                DateTimeOffset t => t.ToUniversalTime(),
                DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)),
                _ => value,
            };
        }

        return new StoredRow(entity.PartitionKey, entity.RowKey, new ReadOnlyDictionary<string, object?>(properties))
        {
            ETag = entity.ETag.ToString(),
            Timestamp = entity.Timestamp?.ToUniversalTime(),
        };
    }

    private async IAsyncEnumerable<StoredRow> QueryCoreAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToRow(entity);
        }
    }

    /// <summary>
    /// Creates the table once per process. The creation is shared by concurrent callers, so it does not take any
    /// one caller's token; a failed creation is retried by the next call.
    /// </summary>
    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Task creation;
        lock (_creationGate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            creation = _creation;
        }

        return creation.IsCompletedSuccessfully ? Task.CompletedTask : creation.WaitAsync(cancellationToken);
    }

    private async Task CreateAsync()
    {
        await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        StorageLog.AzureTableReady(logger, client.Name);
    }
}
