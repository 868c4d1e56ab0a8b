namespace InterviewBot.Storage.Tables;

/// <summary>The table port: the one small surface both Azure Table Storage and the embedded store implement.</summary>
public interface ITableStore
{
    /// <summary>Returns the named table, creating it on first use.</summary>
    ITable GetTable(string name);
}

/// <summary>One table: point reads, partition range queries, conditional writes and atomic same-partition batches.</summary>
public interface ITable
{
    string Name { get; }

    /// <summary>Reads one row, or null when it does not exist.</summary>
    Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows of one partition in row-key order (ordinal), optionally limited to
    /// <paramref name="rowKeyFrom"/> (inclusive) .. <paramref name="rowKeyTo"/> (exclusive).
    /// </summary>
    IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new row; throws <see cref="StorageConflictException"/> (AlreadyExists) when it exists. Returns the new ETag.</summary>
    Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a row unconditionally. Returns the new ETag.</summary>
    Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default);

    /// <summary>Replaces a row only if its ETag still matches; throws <see cref="StorageConflictException"/> (ETagMismatch or NotFound). Returns the new ETag.</summary>
    Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a row; with an ETag only if it still matches (ETagMismatch), without one unconditionally. Without an ETag a
    /// missing row is not an error; with one it is (NotFound), as in Azure Table Storage.
    /// </summary>
    Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies up to 100 operations on one partition atomically: all or none. Returns the new ETags in operation
    /// order (empty string for deletes). A failed condition throws <see cref="StorageConflictException"/> with the
    /// index of the failing operation, and nothing is written. Unlike <see cref="DeleteAsync"/>, a delete of a
    /// missing row fails the batch (NotFound), as in Azure Table Storage. An empty batch, rows from two partitions
    /// or the same row twice throw <see cref="ArgumentException"/>.
    /// </summary>
    Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default);
}

/// <summary>
/// A stored row. Property values are limited to string, bool, int, long, double and DateTimeOffset
/// (UTC on the way back), exactly what both stores round-trip. A null value is not stored: the property is absent
/// when the row is read back.
/// </summary>
public sealed record StoredRow(string PartitionKey, string RowKey, IReadOnlyDictionary<string, object?> Properties)
{
    public string? ETag { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? GetString(string name) => Properties.TryGetValue(name, out var v) ? v as string : null;

    public long? GetInt64(string name) => Properties.TryGetValue(name, out var v) ? v switch { long l => l, int i => i, _ => null } : null;

    public int? GetInt32(string name) => Properties.TryGetValue(name, out var v) ? v switch { int i => i, long l => checked((int)l), _ => null } : null;

    public bool? GetBoolean(string name) => Properties.TryGetValue(name, out var v) ? v as bool? : null;

    public DateTimeOffset? GetDateTimeOffset(string name) => Properties.TryGetValue(name, out var v) ? v as DateTimeOffset? : null;
}

/// <summary>What a batch operation does.</summary>
public enum TableOperationKind
{
    Insert,
    Upsert,
    Replace,
    Delete,
}

/// <summary>One operation in an atomic batch. <see cref="ETag"/> is required for Replace, optional for Delete.</summary>
public sealed record TableOperation(TableOperationKind Kind, StoredRow Row, string? ETag = null);

/// <summary>Why a conditional write failed.</summary>
public enum StorageConflictReason
{
    AlreadyExists,
    ETagMismatch,
    NotFound,
}

/// <summary>A conditional write lost: the row exists already, changed since it was read, or is gone.</summary>
public sealed class StorageConflictException : Exception
{
    public StorageConflictException(StorageConflictReason reason, string message, int? failedOperationIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        FailedOperationIndex = failedOperationIndex;
    }

    public StorageConflictException()
        : this(StorageConflictReason.ETagMismatch, "The row changed.")
    {
    }

    public StorageConflictException(string message)
        : this(StorageConflictReason.ETagMismatch, message)
    {
    }

    public StorageConflictException(string message, Exception innerException)
        : this(StorageConflictReason.ETagMismatch, message, null, innerException)
    {
    }

    public StorageConflictReason Reason { get; }

    public int? FailedOperationIndex { get; }
}
