using InterviewBot.Benchmarks.Storage;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>
/// One store to measure: <see cref="Interviews"/> open interviews grouped <see cref="InterviewsPerLoop"/> to a
/// candidate's loop, of which <see cref="Due"/> fall due before each of <see cref="Batches"/> sweeps.
/// </summary>
internal sealed record SweepScenario(StoreKind Store, int Interviews, int Due, int InterviewsPerLoop, int Batches = 1)
{
    public int Loops => (Interviews + InterviewsPerLoop - 1) / InterviewsPerLoop;
}

/// <summary>Garbage collections during a sweep, and how long they paused it.</summary>
internal readonly record struct GcActivity(int Collections, TimeSpan Paused);

/// <summary>What one measured sweep cost.</summary>
internal sealed record SweepRun(int Attempted, int Sent, TimeSpan Sweep, IReadOnlyDictionary<string, StorageCounts> ByTable, long? Flushes, GcActivity Gc, string Load)
{
    public StorageCounts Total => ByTable.Values.Aggregate(default(StorageCounts), (sum, table) => sum + table);
}

/// <summary>The sweeps of a scenario run with one sweep concurrency, in the order they ran.</summary>
internal sealed record SweepSeries(int Concurrency, IReadOnlyList<SweepRun> Runs)
{
    public SweepRun First => Runs[0];

    /// <summary>The runs after the first, or the first when there is no other.</summary>
    public IReadOnlyList<SweepRun> Rest => Runs.Count > 1 ? [.. Runs.Skip(1)] : Runs;

    public TimeSpan MedianOfRest => Median(Rest.Select(r => r.Sweep));

    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>Everything measured on one scenario's store, and what building it took.</summary>
internal sealed record SweepResult(SweepScenario Scenario, IReadOnlyList<SweepSeries> Series, TimeSpan Setup, StorePreparation Prepare);
