namespace InterviewBot.Benchmarks.Storage;

/// <summary>
/// Storage requests made through the table port, as Azure Table Storage would bill and serve them, and the time
/// the caller spent waiting for them.
/// </summary>
internal readonly record struct StorageCounts(long PointReads, long Queries, long RowsReturned, long Writes, TimeSpan ReadTime, TimeSpan WriteTime)
{
    /// <summary>
    /// Round trips: a batch is one request, and so is a query, since the sweep's queries stay under the
    /// 1,000 rows at which Azure starts a second page.
    /// </summary>
    public long Requests => PointReads + Queries + Writes;

    public static StorageCounts operator +(StorageCounts left, StorageCounts right) => new(
        left.PointReads + right.PointReads,
        left.Queries + right.Queries,
        left.RowsReturned + right.RowsReturned,
        left.Writes + right.Writes,
        left.ReadTime + right.ReadTime,
        left.WriteTime + right.WriteTime);
}
