using System.Globalization;
using InterviewBot.Benchmarks.Storage;
using InterviewBot.Benchmarks.Sweep;

namespace InterviewBot.Benchmarks;

/// <summary>The <c>sweep</c> command: parses its options, runs every scenario they span, prints the tables.</summary>
internal static class SweepCommand
{
    public const string Usage = """
        Usage: InterviewBot.Benchmarks sweep [options]

          --store embedded|azurite|all   stores to measure (default: all)
          --interviews 10000,100000      open interviews per scenario (default: 10000,100000)
          --due 100,1000                 how many of them are due at each sweep (default: 100,1000)
          --runs 5                       sweeps measured per scenario and sweep concurrency (default: 5)
          --sweep-concurrency 8          due interviews a sweep handles at once; a list measures each (default: 8, as the host)
          --per-loop N                   interviews per candidate's loop (default: the most a loop may have)
          --concurrency 4                loops created at once during setup (default: 4)
          --embedded-dir PATH            where the embedded stores are created (default: the system temp folder)
          --during-compaction            start sweeping a reopened embedded store without waiting for its compaction

        Every combination of store, interviews and due is a scenario with a fresh store, preceded by an unreported
        warm-up per store. Each store holds a batch of due interviews per measured sweep; the sweeps run one after
        another on it, each with the clock moved to its batch.
        Azurite runs from node_modules (npm ci) with in-memory persistence.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        StoreKind[] stores = [StoreKind.Embedded, StoreKind.Azurite];
        int[] interviews = [10_000, 100_000];
        int[] due = [100, 1_000];
        var perLoop = Domain.Loops.LoopPlanner.MaxInterviews;
        var concurrency = 4;
        var runs = 5;
        int[] sweepConcurrencies = [new Hosting.JobsOptions().SweepConcurrency];
        var embeddedRoot = Path.GetTempPath();
        var waitForCompaction = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--during-compaction")
            {
                waitForCompaction = false;
                continue;
            }

            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--store" when value is not null:
                    stores = value == "all" ? stores : [Enum.Parse<StoreKind>(value, ignoreCase: true)];
                    break;
                case "--interviews" when value is not null:
                    interviews = Numbers(value);
                    break;
                case "--due" when value is not null:
                    due = Numbers(value);
                    break;
                case "--runs" when value is not null:
                    runs = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--sweep-concurrency" when value is not null:
                    sweepConcurrencies = Numbers(value);
                    break;
                case "--per-loop" when value is not null:
                    perLoop = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--concurrency" when value is not null:
                    concurrency = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--embedded-dir" when value is not null:
                    embeddedRoot = value;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown option '{args[i]}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
                    return 2;
            }

            i++;
        }

        var batches = runs * sweepConcurrencies.Length;
        var scenarios = (
            from store in stores
            from total in interviews
            from d in due
            select new SweepScenario(store, total, d, perLoop, batches)).ToList();
        if (perLoop is < 1 or > Domain.Loops.LoopPlanner.MaxInterviews || concurrency < 1 || runs < 1
            || sweepConcurrencies.Length == 0 || sweepConcurrencies.Any(c => c is < 1 or > Hosting.JobsOptions.MaxSweepConcurrency)
            || batches > HiringLoad.MaxBatches || scenarios.Any(s => s.Due < 1 || (long)s.Due * batches > s.Interviews))
        {
            await Console.Error.WriteLineAsync(
                $"Each --due times --runs times the number of --sweep-concurrency values must be at most its --interviews, and the latter two at most {HiringLoad.MaxBatches} together; " +
                $"--per-loop 1 to {Domain.Loops.LoopPlanner.MaxInterviews}; --sweep-concurrency 1 to {Hosting.JobsOptions.MaxSweepConcurrency}; --concurrency and --runs at least 1.{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return 2;
        }

        var log = Console.Error;
        await log.WriteLineAsync($"{Environment.ProcessorCount} processors, .NET {Environment.Version}, {Environment.OSVersion}, server GC: {System.Runtime.GCSettings.IsServerGC}").ConfigureAwait(false);
        var benchmark = new SweepBenchmark(log, concurrency, embeddedRoot, waitForCompaction);
        var results = new List<SweepResult>();
        foreach (var store in stores)
        {
            // The first sweeps in a process run code not yet compiled, or compiled without optimisation; the host's
            // sweep runs every minute, so a warm process is what it is measured in.
            await benchmark.RunAsync(new SweepScenario(store, 10 * perLoop, 10 * perLoop, perLoop), [sweepConcurrencies[0]], 1, cancellationToken).ConfigureAwait(false);
            foreach (var scenario in scenarios.Where(s => s.Store == store))
            {
                results.Add(await benchmark.RunAsync(scenario, sweepConcurrencies, runs, cancellationToken).ConfigureAwait(false));
            }
        }

        SweepReport.Write(Console.Out, results);
        return 0;
    }

    private static int[] Numbers(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture))];
}
