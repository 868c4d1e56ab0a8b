namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>
/// The rows of one partition in ordinal row-key order. A sorted array: reads and range seeks are binary searches and
/// rows written in key order (the usual case for time-ordered keys) append; a write in the middle moves references.
/// </summary>
internal sealed class PartitionRows
{
    private readonly SortedList<string, StoredRow> _rows = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    public IEnumerable<StoredRow> Rows => _rows.Values;

    public StoredRow? Get(string rowKey) => _rows.TryGetValue(rowKey, out var row) ? row : null;

    public void Put(StoredRow row) => _rows[row.RowKey] = row;

    public void Remove(string rowKey) => _rows.Remove(rowKey);

    /// <summary>Adds to <paramref name="page"/> up to <paramref name="max"/> rows from the lower bound, stopping before <paramref name="toExclusive"/>.</summary>
    public void CopyRange(string? fromInclusive, string? afterExclusive, string? toExclusive, int max, List<StoredRow> page)
    {
        var keys = _rows.Keys;
        var values = _rows.Values;
        var start = afterExclusive is not null ? FirstIndexAfter(keys, afterExclusive)
            : fromInclusive is not null ? FirstIndexAtOrAfter(keys, fromInclusive)
            : 0;
        for (var i = start; i < keys.Count && page.Count < max; i++)
        {
            if (toExclusive is not null && string.CompareOrdinal(keys[i], toExclusive) >= 0)
            {
                break;
            }

            page.Add(values[i]);
        }
    }

    private static int FirstIndexAtOrAfter(IList<string> keys, string key)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(keys[middle], key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int FirstIndexAfter(IList<string> keys, string key)
    {
        var index = FirstIndexAtOrAfter(keys, key);
        return index < keys.Count && string.Equals(keys[index], key, StringComparison.Ordinal) ? index + 1 : index;
    }
}
