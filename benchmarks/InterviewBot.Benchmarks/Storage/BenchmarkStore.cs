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

/// <summary>A table store of one kind that a scenario fills and sweeps, removed with all its data on dispose.</summary>
internal abstract class BenchmarkStore : IAsyncDisposable
{
    public abstract ITableStore Tables { get; }

    /// <param name="embeddedRoot">The folder an embedded store gets a fresh directory in.</param>
    public static async Task<BenchmarkStore> OpenAsync(StoreKind kind, TimeProvider time, string embeddedRoot, CancellationToken cancellationToken) => kind switch
    {
        StoreKind.Embedded => new EmbeddedBenchmarkStore(time, embeddedRoot),
        StoreKind.Azurite => await AzuriteBenchmarkStore.StartAsync(cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Brings the filled store to the state a running host would find it in; returns how long that took.</summary>
    public abstract Task<TimeSpan> PrepareForSweepAsync(CancellationToken cancellationToken);

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

        // Opening compacts the setup's journal into a snapshot, so the sweep starts on an empty journal and is not
        // charged for a compaction of the whole store that the setup's writes made due.
        public override Task<TimeSpan> PrepareForSweepAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            _store.Dispose();
            _store = new EmbeddedTableStore(_directory, timeProvider: _time);
            return Task.FromResult(Stopwatch.GetElapsedTime(started));
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
        public override Task<TimeSpan> PrepareForSweepAsync(CancellationToken cancellationToken) => Task.FromResult(TimeSpan.Zero);

        public override async ValueTask DisposeAsync() => await server.StopAsync().ConfigureAwait(false);
    }
}
