using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Options;

namespace InterviewBot.Reminders;

/// <summary>What processing an interview's reminders came to.</summary>
internal enum ReminderOutcome
{
    /// <summary>Everything due was decided; the next reminder, if any, is filed in the due index.</summary>
    Done,

    /// <summary>Another worker changed the reminders meanwhile; it files what comes next.</summary>
    Busy,

    /// <summary>The interview or its follow-up no longer exists.</summary>
    Gone,
}

/// <summary>
/// Sends an interview's due reminders. Each is claimed with the follow-up row's ETag before anything is sent, so
/// two instances or a re-run job never send it twice, and a worker that dies after claiming is replaced once the
/// claim times out.
/// </summary>
internal sealed partial class ReminderService(
    HiringStore store,
    TemplateCatalog templates,
    PersonalChats chats,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    /// <summary>
    /// Decides and sends what is due. <paramref name="consumed"/> is the due-index entry that brought the sweep here;
    /// it is removed only after the next reminder has been filed, so a crash in between loses nothing.
    /// </summary>
    public async Task<ReminderOutcome> ProcessAsync(string candidateId, string interviewId, DueEntry? consumed = null, CancellationToken cancellationToken = default)
    {
        var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
        if (context?.FollowUp is null || context.Candidate.Id != candidateId)
        {
            if (consumed?.MayBeInFlight(time.GetUtcNow()) != true)
            {
                await RemoveAsync(consumed, null).ConfigureAwait(false);
            }

            return ReminderOutcome.Gone;
        }

        var settings = options.Value.For(context.Loop);
        var followUp = context.FollowUp.Value;
        var etag = context.FollowUp.ETag;
        // Read once: the time zone decides the policy and the same row routes the send.
        var interviewer = await chats.FindAsync(context.Interview.Interviewer, cancellationToken).ConfigureAwait(false);
        var interviewerZoneId = interviewer.TimeZone;
        var zone = ZoneResolver.Find(interviewerZoneId);
        var managerZone = context.Loop.HiringManagers.Count > 0
            ? ZoneResolver.Find(await chats.TimeZoneOfAsync(context.Loop.HiringManagers[0], cancellationToken).ConfigureAwait(false))
            : null;
        var submitted = context.Scorecard?.Value.Status == ScorecardStatus.Submitted;
        try
        {
            // Every decision moves a reminder out of the claimable set; the bound only guards against a policy bug.
            for (var guard = 0; guard < 3 * followUp.Reminders.Count && followUp.Claimable(time.GetUtcNow()).FirstOrDefault() is { } entry; guard++)
            {
                var now = time.GetUtcNow();
                var state = new ReminderState(context.Interview, zone, submitted, followUp.NotHeld, followUp.SnoozedUntil, followUp.LastRemindedAt);
                switch (ReminderPolicy.Decide(entry.Planned, state, settings, now, managerZone))
                {
                    case ReminderDecision.Cancel:
                        followUp = followUp.Cancel(entry.Key);
                        etag = await store.ReplaceFollowUpAsync(followUp, etag, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReminderDecision.Postpone postpone:
                        followUp = followUp.Postpone(entry.Key, postpone.Until);
                        etag = await store.ReplaceFollowUpAsync(followUp, etag, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        followUp = followUp.Claim(entry.Key, now);
                        etag = await store.ReplaceFollowUpAsync(followUp, etag, cancellationToken).ConfigureAwait(false);
                        bool sent;
                        try
                        {
                            sent = await SendAsync(context, entry.Kind, interviewer, now, cancellationToken).ConfigureAwait(false);
                            if (sent && interviewer.Known?.PersonalConversationId is null)
                            {
                                // The send started a chat and remembered it; a second reminder in this pass reuses it.
                                interviewer = await chats.FindAsync(context.Interview.Interviewer, cancellationToken).ConfigureAwait(false);
                            }
                        }
                        catch (ConnectorException ex) when (entry.Planned.IsForInterviewer && ex.ErrorCode is ConnectorErrorCodes.BotNotInConversationRoster or ConnectorErrorCodes.ConversationBlockedByUser)
                        {
                            // Every later reminder would be refused the same way; retrying would only hammer Teams.
                            Log.InterviewerUnreachable(logger, interviewId, ex.ErrorCode);
                            followUp = followUp.StopChasingInterviewer();
                            etag = await store.ReplaceFollowUpAsync(followUp, etag, CancellationToken.None).ConfigureAwait(false);
                            break;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Log.SendFailed(logger, ex, interviewId, entry.Key);
                            sent = false;
                        }

                        (followUp, etag) = await RecordAsync(followUp, etag, entry.Key, sent, entry.Attempts + 1).ConfigureAwait(false);
                        if (sent)
                        {
                            Log.Sent(logger, interviewId, entry.Key);
                        }

                        break;
                }
            }
        }
        catch (StorageConflictException)
        {
            return ReminderOutcome.Busy;
        }

        DueEntry? filed = null;
        if (followUp.NextDue() is { } next)
        {
            filed = await store.AddDueAsync(HiringStore.ReminderKind, candidateId, interviewId, next, cancellationToken).ConfigureAwait(false);
        }

        await RemoveAsync(consumed, filed).ConfigureAwait(false);
        return ReminderOutcome.Done;
    }

    private async Task RemoveAsync(DueEntry? consumed, DueEntry? filed)
    {
        if (consumed is not null && (filed is null || filed.Bucket != consumed.Bucket || filed.RowKey != consumed.RowKey))
        {
            await store.RemoveDueAsync(consumed, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records the outcome of a send. The interviewer may have snoozed meanwhile, changing the row; the outcome is
    /// then applied to the fresh row, because a reminder that went out must never be sent again.
    /// </summary>
    private async Task<(InterviewFollowUp FollowUp, string ETag)> RecordAsync(InterviewFollowUp followUp, string etag, string key, bool sent, int attempts)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var recorded = sent ? followUp.MarkSent(key, now) : followUp.Release(key, now + RetryDelay(attempts));
            try
            {
                return (recorded, await store.ReplaceFollowUpAsync(recorded, etag, CancellationToken.None).ConfigureAwait(false));
            }
            catch (StorageConflictException) when (attempt < 5)
            {
                var fresh = await store.GetInterviewAsync(followUp.InterviewId, CancellationToken.None).ConfigureAwait(false);
                if (fresh?.FollowUp is null)
                {
                    throw;
                }

                (followUp, etag) = (fresh.FollowUp.Value, fresh.FollowUp.ETag);
            }
        }
    }

    private async Task<bool> SendAsync(InterviewContext context, ReminderKind kind, Recipient interviewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var template = templates.Find(context.Loop.TemplateId)
            ?? throw new InvalidOperationException($"Template '{context.Loop.TemplateId}' is not installed.");
        if (kind != ReminderKind.Escalation)
        {
            var subject = new ScorecardSubject(context.Candidate, context.Interview, template, interviewer.TimeZone);
            var card = ReminderCard.ForInterviewer(subject, kind, now);
            return await chats.SendAsync(interviewer, Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false) is not null;
        }

        // Each interview escalates on its own schedule and names its own interviewer, so a manager hears about each
        // late interviewer once rather than about everyone in every message.
        var interview = context.Interview;
        var overdue = new List<ReminderCard.Overdue>
        {
            new(interview.Interviewer.Name, template.FindExercise(interview.ExerciseId)?.Name ?? interview.ExerciseId, Lateness.Of(interview.FeedbackDue, now)),
        };

        var escalation = ReminderCard.Escalation(context.Candidate.Name, template.Role, overdue);
        var recipients = context.Loop.HiringManagers.Count > 0 ? context.Loop.HiringManagers : context.Loop.Recruiters;
        var reached = false;
        foreach (var manager in recipients)
        {
            reached |= await chats.SendAsync(manager, Activity.CreateMessage(escalation), cancellationToken).ConfigureAwait(false) is not null;
        }

        return reached;
    }

    private static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Reminder {Key} of interview {InterviewId} sent")]
        public static partial void Sent(ILogger logger, string interviewId, string key);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Interviewer of interview {InterviewId} cannot be reached in Teams ({ErrorCode}); their reminders stop")]
        public static partial void InterviewerUnreachable(ILogger logger, string interviewId, string? errorCode);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Reminder {Key} of interview {InterviewId} could not be sent; retry scheduled")]
        public static partial void SendFailed(ILogger logger, Exception exception, string interviewId, string key);
    }
}
