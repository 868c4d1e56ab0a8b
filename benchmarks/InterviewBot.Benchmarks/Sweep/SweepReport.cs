using System.Globalization;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>Writes sweep results as Markdown tables, ready to paste into the benchmark notes.</summary>
internal static class SweepReport
{
    public static void Write(TextWriter output, IReadOnlyList<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine("| Store | Interviews | Due | Sent | Point reads | Queries | Rows returned | Writes | Requests | Requests per due | Sweep (ms) | In reads (ms) | In writes (ms) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var t = r.Total;
            var perDue = r.Scenario.Due == 0 ? "-" : ((double)t.Requests / r.Scenario.Due).ToString("0.00", CultureInfo.InvariantCulture);
            output.WriteLine($"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {N(r.Sent)} | {N(t.PointReads)} | {N(t.Queries)} | {N(t.RowsReturned)} | {N(t.Writes)} | {N(t.Requests)} | {perDue} | {Ms(r.Sweep)} | {Ms(t.ReadTime)} | {Ms(t.WriteTime)} |");
        }

        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due | Table | Point reads | Queries | Rows returned | Writes | In reads (ms) | In writes (ms) |");
        output.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            foreach (var (table, t) in r.ByTable)
            {
                output.WriteLine($"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {table} | {N(t.PointReads)} | {N(t.Queries)} | {N(t.RowsReturned)} | {N(t.Writes)} | {Ms(t.ReadTime)} | {Ms(t.WriteTime)} |");
            }
        }

        output.WriteLine();
        output.WriteLine("| Store | Interviews | Due | Loops | Setup (s) | Reopen before sweep (ms) | Load average before sweep |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Scenario.Store} | {N(r.Scenario.Interviews)} | {N(r.Scenario.Due)} | {N(r.Scenario.Loops)} | {r.Setup.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} | {Ms(r.Prepare)} | {r.Load} |");
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
