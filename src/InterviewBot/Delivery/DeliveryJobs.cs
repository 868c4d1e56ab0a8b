using InterviewBot.Debriefs;
using InterviewBot.Hosting;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using Microsoft.Extensions.Options;

namespace InterviewBot.Delivery;

/// <summary>The Hangfire entry points for scorecard delivery; re-runnable, taking ids only.</summary>
internal sealed partial class DeliveryJobs(
    DeliveryService delivery,
    ReminderService reminders,
    HiringStore store,
    TimeProvider time,
    ILogger<DeliveryJobs> logger,
    IOptions<JobsOptions>? options = null,
    DebriefService? debriefs = null)
{
    public const string SweepJobId = "scorecard-delivery-sweep";

    private readonly int _concurrency = Math.Clamp((options?.Value ?? new JobsOptions()).SweepConcurrency, 1, JobsOptions.MaxSweepConcurrency);

    public Task DeliverAsync(string candidateId, string interviewId, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(candidateId, interviewId, cancellationToken);

    /// <summary>
    /// Re-drives every reminder and delivery that is due and not done, reading only the due index. Entries whose
    /// work is done, gone or rescheduled are removed. Reminders go first, then deliveries; within each, a few
    /// interviews are handled at once (<see cref="JobsOptions.SweepConcurrency"/>), while the entries of one
    /// interview are handled one after another. Each delivery and reminder is still claimed with its row's ETag
    /// before anything is sent, so neither a second worker here nor another instance sends it again.
    /// </summary>
    /// <returns>The number of deliveries attempted.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entries = new List<DueEntry>();
        await foreach (var entry in store.GetDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        var reminded = await ForEachInterviewAsync(
            entries.Where(e => e.Kind == HiringStore.ReminderKind),
            (entry, ct) => RemindAsync(entry, ct),
            cancellationToken).ConfigureAwait(false);
        var delivered = await ForEachInterviewAsync(
            entries.Where(e => e.Kind == HiringStore.DeliveryKind),
            (entry, ct) => DeliverDueAsync(entry, now, ct),
            cancellationToken).ConfigureAwait(false);

        // Checks filed before a submit that may have completed a loop whose debrief posts itself; none without the service.
        var debriefed = debriefs is null
            ? []
            : await ForEachInterviewAsync(
                entries.Where(e => e.Kind == HiringStore.DebriefKind),
                async (entry, ct) =>
                {
                    await debriefs.ProcessDueAsync(entry, ct).ConfigureAwait(false);
                    return new SweptEntry(entry, Attempted: false, Remaining: false);
                },
                cancellationToken).ConfigureAwait(false);

        var outcomes = reminded.Concat(delivered).Concat(debriefed).ToList();
        var oldestRemaining = outcomes.Where(o => o.Remaining).Select(o => o.Entry.DueAt).Append(now).Min();
        var attempted = outcomes.Count(o => o.Attempted);
        await store.AdvanceCursorAsync(oldestRemaining, cancellationToken).ConfigureAwait(false);
        Log.Swept(logger, entries.Count, attempted);
        return attempted;
    }

    private async Task<SweptEntry> RemindAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        var outcome = await reminders.ProcessAsync(entry.CandidateId, entry.SubjectId, entry, cancellationToken).ConfigureAwait(false);
        return new SweptEntry(entry, Attempted: false, Remaining: outcome == ReminderOutcome.Busy);
    }

    private async Task<SweptEntry> DeliverDueAsync(DueEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await store.GetDeliveryAsync(entry.CandidateId, entry.SubjectId, cancellationToken).ConfigureAwait(false);
        if (state is null && entry.MayBeInFlight(now))
        {
            return new SweptEntry(entry, Attempted: false, Remaining: false);
        }

        if (state is null || state.Value.Status is Domain.Delivery.DeliveryStatus.Delivered or Domain.Delivery.DeliveryStatus.Unreachable || state.Value.DueAt != entry.DueAt)
        {
            await store.RemoveDueAsync(entry, cancellationToken).ConfigureAwait(false);
            return new SweptEntry(entry, Attempted: false, Remaining: false);
        }

        var outcome = await delivery.DeliverAsync(entry.CandidateId, entry.SubjectId, cancellationToken).ConfigureAwait(false);
        if (outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Gone)
        {
            await store.RemoveDueAsync(entry, cancellationToken).ConfigureAwait(false);
            return new SweptEntry(entry, Attempted: true, Remaining: false);
        }

        return new SweptEntry(entry, Attempted: true, Remaining: true);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every entry, up to the configured number of interviews at once and the entries
    /// of one interview in order, so that a retry filed beside an older entry finds that entry's outcome. After a
    /// failure no further entry is started, the ones running finish, and the failure is thrown, as it would be from
    /// one entry after another.
    /// </summary>
    private async Task<List<SweptEntry>> ForEachInterviewAsync(
        IEnumerable<DueEntry> entries,
        Func<DueEntry, CancellationToken, Task<SweptEntry>> work,
        CancellationToken cancellationToken)
    {
        var byInterview = entries.GroupBy(e => e.SubjectId, StringComparer.Ordinal).ToList();
        var results = new List<SweptEntry>[byInterview.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, byInterview.Count), parallel, async (index, _) =>
        {
            // The sweep's own token, not the loop's: a failure elsewhere must not cut a send short after its claim.
            var done = new List<SweptEntry>();
            foreach (var entry in byInterview[index])
            {
                done.Add(await work(entry, cancellationToken).ConfigureAwait(false));
            }

            results[index] = done;
        }).ConfigureAwait(false);
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>What the sweep did with one due entry: whether it attempted a delivery, and whether the entry stays due.</summary>
    private readonly record struct SweptEntry(DueEntry Entry, bool Attempted, bool Remaining);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Delivery sweep read {Entries} due entries and attempted {Attempted}")]
        public static partial void Swept(ILogger logger, int entries, int attempted);
    }
}
