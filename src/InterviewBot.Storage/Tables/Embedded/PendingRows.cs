namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>
/// Records that are decided but not yet forced to disk, which share one flush. Whoever waits on
/// <see cref="Durable"/> learns that every record of the group, and of every group before it, is on disk and
/// visible to readers; or, if it faults, that none of them, nor any later one, was written.
/// </summary>
internal sealed class CommitGroup
{
    private readonly TaskCompletionSource _durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Durable => _durable.Task;

    public void Complete() => _durable.TrySetResult();

    public void Fail(Exception exception) => _durable.TrySetException(exception);
}

/// <summary>A row's newest state while the record that wrote it waits for the disk; a null <see cref="Row"/> removes it.</summary>
internal readonly record struct PendingRow(StoredRow? Row, long RecordVersion, CommitGroup Group);

/// <summary>
/// The rows written by records waiting for the disk. Writers check their conditions against these first, so that
/// a write queued behind another sees its result, while readers see only rows that are on disk.
/// </summary>
internal sealed class PendingRows
{
    private readonly Dictionary<RowAddress, PendingRow> _rows = new(RowAddressComparer.Instance);

    public int Count => _rows.Count;

    public bool TryGet(string table, string partitionKey, string rowKey, out PendingRow row) =>
        _rows.TryGetValue(new RowAddress(table, partitionKey, rowKey), out row);

    public void Add(JournalRecord record, CommitGroup group)
    {
        foreach (var write in record.Writes)
        {
            _rows[new RowAddress(record.Table, record.PartitionKey, write.RowKey)] = new PendingRow(write.Row, record.Version, group);
        }
    }

    /// <summary>Forgets the rows of a record now on disk, unless a later record changed them again.</summary>
    public void Remove(JournalRecord record)
    {
        foreach (var write in record.Writes)
        {
            var address = new RowAddress(record.Table, record.PartitionKey, write.RowKey);
            if (_rows.TryGetValue(address, out var pending) && pending.RecordVersion == record.Version)
            {
                _rows.Remove(address);
            }
        }
    }

    public void Clear() => _rows.Clear();

    private readonly record struct RowAddress(string Table, string PartitionKey, string RowKey);

    // Table names are case-insensitive, keys are not.
    private sealed class RowAddressComparer : IEqualityComparer<RowAddress>
    {
        public static readonly RowAddressComparer Instance = new();

        public bool Equals(RowAddress x, RowAddress y) =>
            string.Equals(x.Table, y.Table, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.PartitionKey, y.PartitionKey, StringComparison.Ordinal)
            && string.Equals(x.RowKey, y.RowKey, StringComparison.Ordinal);

        public int GetHashCode(RowAddress obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Table), StringComparer.Ordinal.GetHashCode(obj.PartitionKey), StringComparer.Ordinal.GetHashCode(obj.RowKey));
    }
}
