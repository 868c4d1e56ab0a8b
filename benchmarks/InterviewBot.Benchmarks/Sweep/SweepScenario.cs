using InterviewBot.Benchmarks.Storage;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>
/// One measurement: <see cref="Interviews"/> open interviews on a store, <see cref="Due"/> of them due now, grouped
/// <see cref="InterviewsPerLoop"/> to a candidate's loop.
/// </summary>
internal sealed record SweepScenario(StoreKind Store, int Interviews, int Due, int InterviewsPerLoop)
{
    public int Loops => (Interviews + InterviewsPerLoop - 1) / InterviewsPerLoop;
}

/// <summary>What one sweep of a scenario cost, and what its setup took.</summary>
internal sealed record SweepResult(
    SweepScenario Scenario,
    int Attempted,
    int Sent,
    TimeSpan Sweep,
    IReadOnlyDictionary<string, StorageCounts> ByTable,
    TimeSpan Setup,
    TimeSpan Prepare,
    string Load)
{
    public StorageCounts Total => ByTable.Values.Aggregate(default(StorageCounts), (sum, table) => sum + table);
}
