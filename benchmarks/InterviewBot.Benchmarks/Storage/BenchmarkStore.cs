using System.Diagnostics;
using InterviewBot.Storage.Tables;
using InterviewBot.Testing;

namespace InterviewBot.Benchmarks.Storage;

/// <summary>The stores the host can run on.</summary>
internal enum StoreKind
{
    Embedded,
    Azurite,
}

/// <summary>
/// What bringing a filled store to a running host's state took: opening it, and compacting what the setup wrote
/// (null when the sweeps did not wait for that).
/// </summary>
internal sealed record StorePreparation(TimeSpan Open, TimeSpan? Compaction);

/// <summary>A table store of one kind that a scenario fills and sweeps, removed with all its data on dispose.</summary>
internal abstract class BenchmarkStore : IAsyncDisposable
{
    public abstract ITableStore Tables { get; }

    /// <summary>Commit groups forced to disk so far, where the store has such a thing.</summary>
    public virtual long? Flushes => null;

    /// <param name="embeddedRoot">The folder an embedded store gets a fresh directory in.</param>
    public static async Task<BenchmarkStore> OpenAsync(StoreKind kind, TimeProvider time, string embeddedRoot, CancellationToken cancellationToken) => kind switch
    {
        StoreKind.Embedded => new EmbeddedBenchmarkStore(time, embeddedRoot),
        StoreKind.Azurite => await AzuriteBenchmarkStore.StartAsync(cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Brings the filled store to the state a running host would find it in; returns how long that took. With
    /// <paramref name="waitForCompaction"/> false, work the store does in the background after opening may still be
    /// running when the first sweep starts.
    /// </summary>
    public abstract Task<StorePreparation> PrepareForSweepAsync(bool waitForCompaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    private sealed class EmbeddedBenchmarkStore : BenchmarkStore
    {
        private readonly string _directory;
        private readonly TimeProvider _time;
        private EmbeddedTableStore _store;

        public EmbeddedBenchmarkStore(TimeProvider time, string root)
        {
            _directory = Path.Combine(root, "interviewbot-benchmarks", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            _time = time;
            _store = new EmbeddedTableStore(_directory, timeProvider: time);
        }

        public override ITableStore Tables => _store;

        public override long? Flushes => _store.Flushes;

        // Reopening replays the setup's journal and compacts it in the background. By default the sweeps start once
        // that is done, on an empty journal, so that they are not charged for compacting a whole store they did not
        // write; otherwise the first sweep shows what a compaction running beside it costs.
        public override async Task<StorePreparation> PrepareForSweepAsync(bool waitForCompaction, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            _store.Dispose();
            _store = new EmbeddedTableStore(_directory, timeProvider: _time);
            var opened = Stopwatch.GetElapsedTime(started);
            if (!waitForCompaction)
            {
                return new StorePreparation(opened, null);
            }

            await _store.WaitForCompactionAsync(cancellationToken).ConfigureAwait(false);
            return new StorePreparation(opened, Stopwatch.GetElapsedTime(started) - opened);
        }

        public override ValueTask DisposeAsync()
        {
            _store.Dispose();
            Directory.Delete(_directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class AzuriteBenchmarkStore(AzuriteServer server) : BenchmarkStore
    {
        private readonly AzureTableStore _store = new(server.ConnectionString);

        public override ITableStore Tables => _store;

        public static async Task<AzuriteBenchmarkStore> StartAsync(CancellationToken cancellationToken)
        {
            var server = new AzuriteServer();
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return new AzuriteBenchmarkStore(server);
        }

        // The same store instance is kept: a running host created its tables long ago, so its sweep makes no
        // table-creation requests, and neither should the measured one.
        public override Task<StorePreparation> PrepareForSweepAsync(bool waitForCompaction, CancellationToken cancellationToken) =>
            Task.FromResult(new StorePreparation(TimeSpan.Zero, TimeSpan.Zero));

        public override async ValueTask DisposeAsync() => await server.StopAsync().ConfigureAwait(false);
    }
}
