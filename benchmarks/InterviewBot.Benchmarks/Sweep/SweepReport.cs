using System.Globalization;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>Writes sweep results as Markdown tables, ready to paste into the benchmark notes.</summary>
internal static class SweepReport
{
    public static void Write(TextWriter output, IReadOnlyList<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine("Wall time of one sweep: the first on the store, and the median, minimum and maximum of the others.");
        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due | Concurrency | Runs | First (ms) | Median (ms) | Min (ms) | Max (ms) | Median in reads (ms) | Median in writes (ms) | Median flushes | Load average |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (r, s) in Series(results))
        {
            var rest = s.Rest;
            var flushes = s.First.Flushes is null ? "-" : N((long)Median(rest.Select(x => (double)x.Flushes!.Value)));
            output.WriteLine(
                $"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {s.Concurrency} | {s.Runs.Count} | {Ms(s.First.Sweep)} | {Ms(s.MedianOfRest)} | {Ms(rest.Min(x => x.Sweep))} | {Ms(rest.Max(x => x.Sweep))} " +
                $"| {Ms(SweepSeries.Median(rest.Select(x => x.Total.ReadTime)))} | {Ms(SweepSeries.Median(rest.Select(x => x.Total.WriteTime)))} | {flushes} | {string.Join("; ", s.Runs.Select(x => x.Load).Distinct())} |");
        }

        output.WriteLine();
        output.WriteLine("Storage requests of one sweep (the first; a range where the runs differ).");
        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due | Concurrency | Point reads | Queries | Rows returned | Writes | Requests | Requests per due |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (r, s) in Series(results))
        {
            var t = s.First.Total;
            var perDue = r.Scenario.Due == 0 ? "-" : ((double)t.Requests / r.Scenario.Due).ToString("0.00", CultureInfo.InvariantCulture);
            output.WriteLine(
                $"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {s.Concurrency} | {Range(s, c => c.PointReads)} | {Range(s, c => c.Queries)} | {Range(s, c => c.RowsReturned)} " +
                $"| {Range(s, c => c.Writes)} | {Range(s, c => c.Requests)} | {perDue} |");
        }

        output.WriteLine();
        output.WriteLine("Per table, first sweep:");
        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due | Concurrency | Table | Point reads | Queries | Rows returned | Writes | In reads (ms) | In writes (ms) |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (r, s) in Series(results))
        {
            foreach (var (table, t) in s.First.ByTable)
            {
                output.WriteLine($"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {s.Concurrency} | {table} | {N(t.PointReads)} | {N(t.Queries)} | {N(t.RowsReturned)} | {N(t.Writes)} | {Ms(t.ReadTime)} | {Ms(t.WriteTime)} |");
            }
        }

        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due batches | Loops | Setup (s) | Reopen (ms) | Compaction after reopen (ms) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {r.Scenario.Batches} × {N(r.Scenario.Due)} | {N(r.Scenario.Loops)} | {r.Setup.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} | {Ms(r.Prepare.Open)} | {(r.Prepare.Compaction is { } c ? Ms(c) : "not awaited")} |");
        }
    }

    private static IEnumerable<(SweepResult Result, SweepSeries Series)> Series(IReadOnlyList<SweepResult> results) =>
        results.SelectMany(r => r.Series.Select(s => (r, s)));

    private static string Range(SweepSeries series, Func<Storage.StorageCounts, long> count)
    {
        var values = series.Runs.Select(r => count(r.Total)).ToList();
        var first = N(values[0]);
        return values.Min() == values.Max() ? first : $"{first} ({N(values.Min())}–{N(values.Max())})";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
