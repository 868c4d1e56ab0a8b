using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.People;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>
/// Turn middleware: every inbound activity updates what the bot knows about its sender, so it can write to them
/// later. The first time someone is seen, any scorecard that was waiting for a way to reach them is re-driven.
/// </summary>
internal sealed partial class RememberUsers(UserDirectory users, HiringStore store, IDeliveryScheduler scheduler, TimeProvider time, ILogger<RememberUsers> logger)
{
    /// <summary>Unchanged details are rewritten at most this often, to keep a chatty user from costing a write per message.</summary>
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(1);

    /// <summary>Used when an activity names no tenant, as local test clients may do.</summary>
    public const string UnknownTenant = "unknown-tenant";

    public async Task InvokeAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        var seen = Describe(turn.Activity, time.GetUtcNow());
        if (seen is not null)
        {
            var isNew = await users.FindAsync(seen.AadObjectId, cancellationToken).ConfigureAwait(false) is null;
            await users.RememberAsync(seen, RefreshAfter, cancellationToken).ConfigureAwait(false);
            if (isNew)
            {
                await RedrivePendingAsync(seen.AadObjectId, cancellationToken).ConfigureAwait(false);
            }
        }

        await next().ConfigureAwait(false);
    }

    internal static KnownUser? Describe(Activity activity, DateTimeOffset now)
    {
        var from = activity.From;
        if (from is null
            || !UserDirectory.IsUsableId(from.AadObjectId)
            || string.IsNullOrWhiteSpace(from.Id)
            || string.IsNullOrWhiteSpace(activity.ServiceUrl)
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _))
        {
            return null;
        }

        var tenant = activity.GetTenantId();
        return new KnownUser(
            from.AadObjectId!,
            from.Id,
            from.Name ?? string.Empty,
            UserDirectory.IsUsableId(tenant) ? tenant! : UnknownTenant,
            activity.ServiceUrl,
            activity.Recipient?.Id ?? string.Empty,
            activity.IsGroupConversation ? null : activity.Conversation?.Id,
            activity.GetTimeZone(),
            now);
    }

    /// <summary>
    /// A new person opens new routes: their own personal chat, and their tenant's service URL for colleagues the
    /// bot could not reach yet. Both kinds of waiting delivery are released now instead of after their backoff.
    /// </summary>
    private async Task RedrivePendingAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var interviews = (await store.GetInterviewsOfAsync(aadObjectId, cancellationToken).ConfigureAwait(false)).ToList();
        foreach (var (_, interviewId) in await store.GetWaitingForRouteAsync(cancellationToken).ConfigureAwait(false))
        {
            if (interviews.All(i => i.Interview.Id != interviewId)
                && await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false) is { } context)
            {
                interviews.Add(context);
            }
        }

        foreach (var waiting in interviews.Where(i => i.Delivery?.Value.Status == DeliveryStatus.Pending && i.Interview.HasEnded(now)))
        {
            var delivery = waiting.Delivery!;
            if (delivery.Value.DueAt > now)
            {
                // It is backing off because nobody could be reached; now somebody can, so skip the rest of the wait.
                try
                {
                    await store.ReplaceDeliveryAsync(delivery.Value with { DueAt = now, UpdatedAt = now }, delivery.ETag, cancellationToken).ConfigureAwait(false);
                    await store.AddDueAsync(HiringStore.DeliveryKind, waiting.Candidate.Id, waiting.Interview.Id, now, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConflictException)
                {
                    continue;
                }
            }

            Log.Redriving(logger, waiting.Interview.Id);
            scheduler.Schedule(waiting.Candidate.Id, waiting.Interview.Id, now);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "New user seen; re-driving the waiting delivery of interview {InterviewId}")]
        public static partial void Redriving(ILogger logger, string interviewId);
    }
}
