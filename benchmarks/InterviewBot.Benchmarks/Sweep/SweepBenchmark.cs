using System.Diagnostics;
using InterviewBot.Benchmarks.Storage;
using InterviewBot.Benchmarks.Teams;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Templates;
using InterviewBot.Hosting;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>
/// Fills a fresh store for a scenario, then runs delivery sweeps through the host's own <see cref="DeliveryJobs"/>,
/// one per batch of due interviews, and measures the storage requests each made and its wall time.
/// </summary>
internal sealed class SweepBenchmark(TextWriter log, int setupConcurrency, string embeddedRoot, bool waitForCompaction = true)
{
    /// <summary>A Monday morning; nothing in the sweep depends on the weekday, but a fixed instant keeps runs comparable.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);

    private static readonly TemplateCatalog Templates = TemplateCatalog.BuiltIn();

    /// <summary>
    /// Measures <paramref name="runs"/> sweeps with each of <paramref name="concurrencies"/>, on one store whose
    /// <see cref="SweepScenario.Batches"/> must cover them all.
    /// </summary>
    public async Task<SweepResult> RunAsync(SweepScenario scenario, IReadOnlyList<int> concurrencies, int runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(concurrencies);
        if (concurrencies.Count * runs > scenario.Batches)
        {
            throw new ArgumentException($"{concurrencies.Count} × {runs} sweeps need as many batches; the scenario has {scenario.Batches}.", nameof(runs));
        }

        var hiringLoad = new HiringLoad(scenario, Now, Templates);
        var time = new FakeTimeProvider(hiringLoad.CreatedAt);
        await using var store = await BenchmarkStore.OpenAsync(scenario.Store, time, embeddedRoot, cancellationToken).ConfigureAwait(false);

        var label = $"{scenario.Store}, {scenario.Interviews:N0} interviews, {scenario.Due:N0} due";
        var setup = await FillAsync(store, hiringLoad, time, scenario, label, cancellationToken).ConfigureAwait(false);
        var prepare = await store.PrepareForSweepAsync(waitForCompaction, cancellationToken).ConfigureAwait(false);
        var compaction = prepare.Compaction is { } c ? $"{c.TotalMilliseconds:0} ms" : "still running";
        log.WriteLine($"[{label}] setup {setup.TotalSeconds:0} s, reopen {prepare.Open.TotalMilliseconds:0} ms, compaction {compaction}");

        var connector = new InstantConnectorClient();
        var series = new List<SweepSeries>();
        var batch = 0;
        foreach (var concurrency in concurrencies)
        {
            var sweeps = new List<SweepRun>();
            for (var run = 0; run < runs; run++, batch++)
            {
                var sweep = await SweepAsync(store, hiringLoad, time, connector, scenario, batch, concurrency, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"[{label}] concurrency {concurrency}, run {run + 1}: sweep {sweep.Sweep.TotalMilliseconds:0} ms, {sweep.Total.Requests:N0} storage requests{(sweep.Flushes is { } f ? $", {f:N0} flushes" : string.Empty)}, {sweep.Gc.Collections} GCs pausing {sweep.Gc.Paused.TotalMilliseconds:0} ms, load {sweep.Load}");
                sweeps.Add(sweep);
            }

            series.Add(new SweepSeries(concurrency, sweeps));
        }

        return new SweepResult(scenario, series, setup, prepare);
    }

    private async Task<TimeSpan> FillAsync(BenchmarkStore store, HiringLoad hiringLoad, FakeTimeProvider time, SweepScenario scenario, string label, CancellationToken cancellationToken)
    {
        log.WriteLine($"[{label}] creating {scenario.Loops:N0} loops of up to {scenario.InterviewsPerLoop} interviews, {scenario.Batches} batch(es) due...");
        var tenth = Math.Max(1, scenario.Loops / 10);
        var started = Stopwatch.GetTimestamp();
        var batching = new BatchingTableStore(store.Tables);
        await hiringLoad.FillAsync(
            new HiringStore(batching, time),
            new UserDirectory(batching),
            setupConcurrency,
            done =>
            {
                if (done % tenth == 0)
                {
                    log.WriteLine($"[{label}] {done:N0} / {scenario.Loops:N0} loops after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
                }
            },
            cancellationToken).ConfigureAwait(false);
        log.WriteLine($"[{label}] writing the remaining index rows after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s...");
        await batching.FlushAsync(setupConcurrency, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<SweepRun> SweepAsync(
        BenchmarkStore store,
        HiringLoad hiringLoad,
        FakeTimeProvider time,
        InstantConnectorClient connector,
        SweepScenario scenario,
        int batch,
        int concurrency,
        CancellationToken cancellationToken)
    {
        var now = hiringLoad.SweepTime(batch);
        time.SetUtcNow(now);
        var tables = new CountingTableStore(store.Tables);
        var hiring = new HiringStore(tables, time);
        var users = new UserDirectory(tables);
        var chats = new PersonalChats(users, connector, Options.Create(new DeliveryOptions()), time);
        var delivery = new DeliveryService(hiring, users, Templates, chats, connector, time, NullLogger<DeliveryService>.Instance);
        var reminders = new ReminderService(hiring, Templates, chats, Options.Create(new ReminderOptions()), time, NullLogger<ReminderService>.Instance);
        var jobs = new DeliveryJobs(delivery, reminders, hiring, time, NullLogger<DeliveryJobs>.Instance, Options.Create(new JobsOptions { SweepConcurrency = concurrency }));

        // The setup's and the last sweep's garbage is collected here rather than inside the measured sweep.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var load = LoadAverage();
        var sentBefore = connector.Sent;
        var flushesBefore = store.Flushes;
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var started = Stopwatch.GetTimestamp();
        var attempted = await jobs.SweepAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var gc = new GcActivity(GC.CollectionCount(0) - collectionsBefore, GC.GetTotalPauseDuration() - pausedBefore);
        var flushes = store.Flushes - flushesBefore;
        var counts = tables.Snapshot();
        var sent = connector.Sent - sentBefore;

        // A fast sweep that skipped work would be a wrong number, not a good one.
        var left = 0;
        await foreach (var _ in new HiringStore(store.Tables, time).GetDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            left++;
        }

        if (attempted != scenario.Due || sent != scenario.Due || left != 0)
        {
            throw new InvalidOperationException(
                $"[{scenario.Store}, batch {batch}] the sweep attempted {attempted}, sent {sent} and left {left} entries due; expected {scenario.Due}, {scenario.Due} and 0.");
        }

        return new SweepRun(attempted, sent, elapsed, counts, flushes, gc, load);
    }

    // Wall times mean little without knowing what else the machine was doing; Linux says it in one line.
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "-";
    }
}
