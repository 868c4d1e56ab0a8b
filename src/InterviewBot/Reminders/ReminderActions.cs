using System.Text.Json;
using InterviewBot.Cards;
using InterviewBot.Debriefs;
using InterviewBot.Conversations;
using InterviewBot.Domain.Access;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Cards;
using Microsoft.Extensions.Options;

namespace InterviewBot.Reminders;

/// <summary>The reminder card's buttons: snooze, and "the interview didn't happen". Only the interviewer may use them.</summary>
internal sealed partial class ReminderActions(
    HiringStore store,
    TemplateCatalog templates,
    PersonalChats chats,
    DebriefService debriefs,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderActions> logger)
{
    private const int MaxAttempts = 3;

    public static bool Handles(string? verb) => verb is ReminderVerbs.Snooze or ReminderVerbs.NotHeld;

    public async Task<AdaptiveCard> HandleAsync(string verb, string? callerAadObjectId, JsonElement data, CancellationToken cancellationToken = default)
    {
        var interviewId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("interviewId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (string.IsNullOrWhiteSpace(interviewId))
        {
            return ScorecardCard.Notice("This card is out of date", "It does not say which interview it is for. Type **scorecards** to see your interviews.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
            if (context?.FollowUp is null)
            {
                return ScorecardCard.Notice("Interview not found", "This interview no longer exists. Type **scorecards** to see your interviews.");
            }

            if (!AccessRules.CanWriteScorecard(callerAadObjectId, context.Interview))
            {
                Log.Refused(logger, verb, interviewId);
                return ScorecardCard.Notice("This reminder is not yours", "Only the interviewer can snooze these reminders or say the interview didn't happen; nothing was changed. Type **scorecards** to see your own interviews.");
            }

            var template = templates.Find(context.Loop.TemplateId);
            if (template is null)
            {
                return ScorecardCard.Notice("Scorecard template missing", $"The template '{context.Loop.TemplateId}' is no longer installed; nothing was changed.");
            }

            var zoneId = await chats.TimeZoneOfAsync(context.Interview.Interviewer, cancellationToken).ConfigureAwait(false);
            var subject = new ScorecardSubject(context.Candidate, context.Interview, template, zoneId);
            var now = time.GetUtcNow();
            var followUp = context.FollowUp.Value;
            InterviewFollowUp changed;
            Banner banner;
            if (verb == ReminderVerbs.Snooze)
            {
                var option = Text(data, ReminderVerbs.SnoozeOptionField) is { } raw && Enum.TryParse<SnoozeOption>(raw, out var parsed) && Enum.IsDefined(parsed) ? parsed : SnoozeOption.Short;
                var until = Snooze.For(option, now, ZoneResolver.Find(zoneId), options.Value.For(context.Loop));
                changed = followUp.SnoozeUntil(until);
                banner = new Banner($"Snoozed: no reminders before {CardTime.Format(until, zoneId)}.", BannerTone.Good);
            }
            else
            {
                if (Text(data, ReminderVerbs.ReasonField) is not { } raw || !Enum.TryParse<NotHeldReason>(raw, out var reason) || !Enum.IsDefined(reason))
                {
                    return ReminderCard.ForInterviewer(subject, ReminderKind.Overdue, now, new Banner("Choose what happened: no-show, cancelled or rescheduled.", BannerTone.Warning));
                }

                if (followUp.NotHeld is { } already)
                {
                    return ScorecardCard.Notice("Interview marked as not held", $"Already recorded: {Describe(already)}. No more reminders will be sent for it.");
                }

                changed = followUp.MarkNotHeld(reason, now);
                banner = new Banner($"Recorded: {Describe(reason)}.", BannerTone.Good);
            }

            try
            {
                await store.ReplaceFollowUpAsync(changed, context.FollowUp.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }

            Log.Changed(logger, verb, interviewId);
            if (verb == ReminderVerbs.NotHeld)
            {
                // The missing scorecard may have been the last thing an automatic debrief waited for.
                await debriefs.PostIfCompleteAsync(context.Loop.Id, callerAadObjectId!, cancellationToken).ConfigureAwait(false);
            }

            return verb == ReminderVerbs.Snooze
                ? ReminderCard.ForInterviewer(subject, ReminderKind.Overdue, now, banner)
                : ScorecardCard.Notice("Interview marked as not held", "No more reminders will be sent for it, and the recruiter sees why in the loop's status.", banner);
        }
    }

    internal static string Describe(NotHeldReason reason) => reason switch
    {
        NotHeldReason.NoShow => "the candidate did not show up",
        NotHeldReason.Cancelled => "the interview was cancelled",
        NotHeldReason.Rescheduled => "the interview was rescheduled",
        _ => reason.ToString(),
    };

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Refused reminder action {Verb} on interview {InterviewId}: the caller is not its interviewer")]
        public static partial void Refused(ILogger logger, string verb, string interviewId);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Reminder action {Verb} applied to interview {InterviewId}")]
        public static partial void Changed(ILogger logger, string verb, string interviewId);
    }
}
