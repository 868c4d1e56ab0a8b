using System.Diagnostics;
using InterviewBot.Benchmarks.Storage;
using InterviewBot.Benchmarks.Teams;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Templates;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>
/// Fills a fresh store for a scenario, then runs one delivery sweep through the host's own
/// <see cref="DeliveryJobs"/> and measures the storage requests it made and its wall time.
/// </summary>
internal sealed class SweepBenchmark(TextWriter log, int concurrency, string embeddedRoot)
{
    /// <summary>A Monday morning; nothing in the sweep depends on the weekday, but a fixed instant keeps runs comparable.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);

    private static readonly TemplateCatalog Templates = TemplateCatalog.BuiltIn();

    public async Task<SweepResult> RunAsync(SweepScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var hiringLoad = new HiringLoad(scenario, Now, Templates);
        var time = new FakeTimeProvider(hiringLoad.CreatedAt);
        await using var store = await BenchmarkStore.OpenAsync(scenario.Store, time, embeddedRoot, cancellationToken).ConfigureAwait(false);

        var label = $"{scenario.Store}, {scenario.Interviews:N0} interviews, {scenario.Due:N0} due";
        log.WriteLine($"[{label}] creating {scenario.Loops:N0} loops of up to {scenario.InterviewsPerLoop} interviews...");
        var tenth = Math.Max(1, scenario.Loops / 10);
        var setupStarted = Stopwatch.GetTimestamp();
        await hiringLoad.FillAsync(
            new HiringStore(store.Tables, time),
            new UserDirectory(store.Tables),
            concurrency,
            done =>
            {
                if (done % tenth == 0)
                {
                    log.WriteLine($"[{label}] {done:N0} / {scenario.Loops:N0} loops after {Stopwatch.GetElapsedTime(setupStarted).TotalSeconds:0} s");
                }
            },
            cancellationToken).ConfigureAwait(false);
        var setup = Stopwatch.GetElapsedTime(setupStarted);
        var prepare = await store.PrepareForSweepAsync(cancellationToken).ConfigureAwait(false);

        time.SetUtcNow(Now);
        var tables = new CountingTableStore(store.Tables);
        var hiring = new HiringStore(tables, time);
        var users = new UserDirectory(tables);
        var connector = new InstantConnectorClient();
        var chats = new PersonalChats(users, connector, Options.Create(new DeliveryOptions()), time);
        var delivery = new DeliveryService(hiring, users, Templates, chats, connector, time, NullLogger<DeliveryService>.Instance);
        var reminders = new ReminderService(hiring, Templates, chats, Options.Create(new ReminderOptions()), time, NullLogger<ReminderService>.Instance);
        var jobs = new DeliveryJobs(delivery, reminders, hiring, time, NullLogger<DeliveryJobs>.Instance);

        // The setup's garbage is collected here rather than inside the measured sweep.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var load = LoadAverage();
        var sweepStarted = Stopwatch.GetTimestamp();
        var attempted = await jobs.SweepAsync(cancellationToken).ConfigureAwait(false);
        var sweep = Stopwatch.GetElapsedTime(sweepStarted);
        var counts = tables.Snapshot();

        // A fast sweep that skipped work would be a wrong number, not a good one.
        var left = 0;
        await foreach (var _ in hiring.GetDueAsync(Now, cancellationToken).ConfigureAwait(false))
        {
            left++;
        }

        if (attempted != scenario.Due || connector.Sent != scenario.Due || left != 0)
        {
            throw new InvalidOperationException(
                $"[{label}] the sweep attempted {attempted}, sent {connector.Sent} and left {left} entries due; expected {scenario.Due}, {scenario.Due} and 0.");
        }

        var result = new SweepResult(scenario, attempted, connector.Sent, sweep, counts, setup, prepare, load);
        log.WriteLine($"[{label}] setup {setup.TotalSeconds:0} s, sweep {sweep.TotalMilliseconds:0} ms, {result.Total.Requests:N0} storage requests");
        return result;
    }

    // Wall times mean little without knowing what else the machine was doing; Linux says it in one line.
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "-";
    }
}
