using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;

namespace InterviewBot.Delivery;

/// <summary>The Hangfire entry points for scorecard delivery; re-runnable, taking ids only.</summary>
internal sealed partial class DeliveryJobs(DeliveryService delivery, ReminderService reminders, HiringStore store, TimeProvider time, ILogger<DeliveryJobs> logger)
{
    public const string SweepJobId = "scorecard-delivery-sweep";

    public Task DeliverAsync(string candidateId, string interviewId, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(candidateId, interviewId, cancellationToken);

    /// <summary>
    /// Re-drives every reminder and delivery that is due and not done, reading only the due index. Entries whose
    /// work is done, gone or rescheduled are removed.
    /// </summary>
    /// <returns>The number of deliveries attempted.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var oldestRemaining = now;
        var attempted = 0;
        var entries = new List<DueEntry>();
        await foreach (var entry in store.GetDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        foreach (var entry in entries.Where(e => e.Kind == HiringStore.ReminderKind))
        {
            if (await reminders.ProcessAsync(entry.CandidateId, entry.SubjectId, entry, cancellationToken).ConfigureAwait(false) == ReminderOutcome.Busy
                && entry.DueAt < oldestRemaining)
            {
                oldestRemaining = entry.DueAt;
            }
        }

        foreach (var entry in entries.Where(e => e.Kind == HiringStore.DeliveryKind))
        {
            var state = await store.GetDeliveryAsync(entry.CandidateId, entry.SubjectId, cancellationToken).ConfigureAwait(false);
            if (state is null && entry.MayBeInFlight(now))
            {
                continue;
            }

            if (state is null || state.Value.Status is Domain.Delivery.DeliveryStatus.Delivered or Domain.Delivery.DeliveryStatus.Unreachable || state.Value.DueAt != entry.DueAt)
            {
                await store.RemoveDueAsync(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            attempted++;
            var outcome = await delivery.DeliverAsync(entry.CandidateId, entry.SubjectId, cancellationToken).ConfigureAwait(false);
            if (outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Gone)
            {
                await store.RemoveDueAsync(entry, cancellationToken).ConfigureAwait(false);
            }
            else if (entry.DueAt < oldestRemaining)
            {
                oldestRemaining = entry.DueAt;
            }
        }

        await store.AdvanceCursorAsync(oldestRemaining, cancellationToken).ConfigureAwait(false);
        Log.Swept(logger, entries.Count, attempted);
        return attempted;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Delivery sweep read {Entries} due entries and attempted {Attempted}")]
        public static partial void Swept(ILogger logger, int entries, int attempted);
    }
}
