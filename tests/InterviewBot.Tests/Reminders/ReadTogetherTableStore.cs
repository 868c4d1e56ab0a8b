using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Tests.Reminders;

/// <summary>
/// Wraps a table store so that the first <c>readers</c> queries of each partition of one table have all finished
/// reading before any of them goes on. Every one of them then acts on the same version of the rows, so their
/// conditional writes really race on every run, instead of only when the thread pool happens to interleave them.
/// </summary>
internal sealed class ReadTogetherTableStore(ITableStore inner, string table, int readers) : ITableStore
{
    // Long enough for a slow machine, short enough that a reader left alone fails the test instead of hanging it.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public ITable GetTable(string name)
    {
        var found = inner.GetTable(name);
        return string.Equals(name, table, StringComparison.OrdinalIgnoreCase) ? new ReadTogetherTable(found, this) : found;
    }

    private Task ArriveAsync(string partitionKey)
    {
        var gate = _gates.GetOrAdd(partitionKey, _ => new Gate());
        var arrived = Interlocked.Increment(ref gate.Arrived);
        if (arrived > readers)
        {
            return Task.CompletedTask;
        }

        if (arrived == readers)
        {
            gate.AllRead.TrySetResult();
        }

        return gate.AllRead.Task.WaitAsync(Timeout);
    }

    private sealed class Gate
    {
        public int Arrived;
        public readonly TaskCompletionSource AllRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ReadTogetherTable(ITable inner, ReadTogetherTableStore owner) : ITable
    {
        public string Name => inner.Name;

        public Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
            inner.GetAsync(partitionKey, rowKey, cancellationToken);

        public async IAsyncEnumerable<StoredRow> QueryAsync(string partitionKey, string? rowKeyFrom = null, string? rowKeyTo = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var rows = new List<StoredRow>();
            await foreach (var row in inner.QueryAsync(partitionKey, rowKeyFrom, rowKeyTo, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            await owner.ArriveAsync(partitionKey).ConfigureAwait(false);
            foreach (var row in rows)
            {
                yield return row;
            }
        }

        public Task<string> InsertAsync(StoredRow row, CancellationToken cancellationToken = default) => inner.InsertAsync(row, cancellationToken);

        public Task<string> UpsertAsync(StoredRow row, CancellationToken cancellationToken = default) => inner.UpsertAsync(row, cancellationToken);

        public Task<string> ReplaceAsync(StoredRow row, string etag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(row, etag, cancellationToken);

        public Task DeleteAsync(string partitionKey, string rowKey, string? etag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(partitionKey, rowKey, etag, cancellationToken);

        public Task<IReadOnlyList<string>> SubmitBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
            inner.SubmitBatchAsync(operations, cancellationToken);
    }
}
