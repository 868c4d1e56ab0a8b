using System.Text.Json;
using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Access;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Cards;
using Microsoft.Extensions.Options;

namespace InterviewBot.Loops;

/// <summary>
/// What recruiters and hiring managers do with a candidate's loop: see its status and nudge whoever is late.
/// Chat commands find the loop by name or id; the choice card's buttons name it by id. Either way the caller must
/// recruit or hire for that loop.
/// </summary>
internal sealed partial class LoopActions(
    HiringStore store,
    TemplateCatalog templates,
    PersonalChats chats,
    UserDirectory users,
    ReminderService reminders,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<LoopActions> logger)
{
    public const string StatusVerb = "loop.status";
    public const string RemindVerb = "loop.remind";

    public static bool Handles(string? verb) => verb is StatusVerb or RemindVerb;

    public Task<AdaptiveCard> HandleAsync(string verb, string? caller, JsonElement data, CancellationToken cancellationToken = default)
    {
        var loopId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("loopId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return loopId is null
            ? Task.FromResult(ScorecardCard.Notice("This card is out of date", "Type **status** or **remind** followed by the candidate's name."))
            : RunAsync(verb, caller, loopId, cancellationToken);
    }

    /// <summary>Finds the caller's loops matching <paramref name="query"/> (a candidate name, loop id, candidate id or ATS id) and runs the verb, or asks which one.</summary>
    public async Task<AdaptiveCard> FindAndRunAsync(string verb, string? caller, string query, CancellationToken cancellationToken = default)
    {
        var command = verb == StatusVerb ? "status" : "remind";
        if (string.IsNullOrWhiteSpace(caller))
        {
            return ScorecardCard.Notice("Who are you?", "I can't tell who you are in this conversation. Try again in a personal chat with me.");
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return ScorecardCard.Notice($"Which candidate?", $"Type **{command}** followed by the candidate's name, for example: {command} Jordan Lee.");
        }

        var matches = Match(await store.GetLoopsManagedByAsync(caller, cancellationToken).ConfigureAwait(false), query);
        return matches.Count switch
        {
            0 => ScorecardCard.Notice("No matching candidate", $"None of the loops you recruit or hire for has a candidate matching that. Check the spelling, or ask the loop's recruiter to add you. Interviewers use **scorecards** for their own interviews."),
            1 => await RunAsync(verb, caller, matches[0].LoopId, cancellationToken).ConfigureAwait(false),
            _ => LoopCards.Choose(verb, matches.Take(10).ToList(), await ViewerTimeZoneAsync(caller, cancellationToken).ConfigureAwait(false)),
        };
    }

    private async Task<AdaptiveCard> RunAsync(string verb, string? caller, string loopId, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return ScorecardCard.Notice("Loop not found", "This loop no longer exists.");
        }

        if (!AccessRules.CanManageLoop(caller, snapshot.Loop))
        {
            Log.Refused(logger, verb, loopId);
            return ScorecardCard.Notice("Not your loop", "Only the loop's recruiters and hiring managers can see its status or remind its interviewers; nothing was sent. If you interviewed the candidate, type **scorecards** to see your own scorecard.");
        }

        var template = templates.Find(snapshot.Loop.TemplateId);
        var viewerZone = await ViewerTimeZoneAsync(caller, cancellationToken).ConfigureAwait(false);
        return verb == StatusVerb
            ? LoopCards.Status(snapshot, template, time.GetUtcNow(), viewerZone)
            : await RemindAsync(snapshot, template, viewerZone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The time zone Teams reported for whoever asked, so the times they read are on their own clock.</summary>
    private async Task<string?> ViewerTimeZoneAsync(string? caller, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(caller) ? null : (await users.FindAsync(caller, cancellationToken).ConfigureAwait(false))?.TimeZone;

    private async Task<AdaptiveCard> RemindAsync(LoopSnapshot snapshot, ScorecardTemplate? template, string? viewerZone, CancellationToken cancellationToken)
    {
        var settings = options.Value.For(snapshot.Loop);
        var now = time.GetUtcNow();
        var states = new List<ReminderState>();
        foreach (var interview in snapshot.Interviews)
        {
            var followUp = snapshot.FollowUps.GetValueOrDefault(interview.Id);
            var zone = ZoneResolver.Find(await chats.TimeZoneOfAsync(interview.Interviewer, cancellationToken).ConfigureAwait(false));
            states.Add(new ReminderState(
                interview,
                zone,
                snapshot.Scorecards.GetValueOrDefault(interview.Id)?.Status == ScorecardStatus.Submitted,
                followUp?.NotHeld,
                followUp?.SnoozedUntil,
                followUp?.LastRemindedAt));
        }

        var outcomes = new List<LoopCards.NudgeLine>();
        foreach (var decision in NudgePolicy.Decide(states, settings, now))
        {
            var name = decision.Interview.Interviewer.Name;
            if (decision is NudgeDecision.Skip skip)
            {
                outcomes.Add(new LoopCards.NudgeLine(name, false, SkipText(skip.Reason, settings.Cooldown)));
                continue;
            }

            var remind = (NudgeDecision.Remind)decision;
            var queued = await QueueAsync(decision.Interview.Id, remind.At, cancellationToken).ConfigureAwait(false);
            outcomes.Add(queued
                ? new LoopCards.NudgeLine(name, true, remind.At <= now ? "reminded now" : $"will be reminded at the start of their working day ({CardTime.Format(remind.At, viewerZone)})")
                : new LoopCards.NudgeLine(name, false, "could not be queued just now; try again in a minute"));
        }

        return LoopCards.NudgeResult(snapshot.Candidate.Name, template?.Role ?? snapshot.Loop.TemplateId, outcomes);
    }

    /// <summary>Files a requested reminder and, when it is due now, sends it straight away through the usual claim.</summary>
    private async Task<bool> QueueAsync(string interviewId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
            if (context?.FollowUp is null)
            {
                return false;
            }

            try
            {
                await store.ReplaceFollowUpAsync(context.FollowUp.Value.AddRequested(at), context.FollowUp.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                continue;
            }

            // Filed before processing, so a crash here still leaves it for the sweep.
            var filed = await store.AddDueAsync(HiringStore.ReminderKind, context.Candidate.Id, interviewId, at, cancellationToken).ConfigureAwait(false);
            if (at <= time.GetUtcNow())
            {
                await reminders.ProcessAsync(context.Candidate.Id, interviewId, filed, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }

    private static string SkipText(NudgeSkipReason reason, TimeSpan cooldown) => reason switch
    {
        NudgeSkipReason.Submitted => "skipped: already submitted",
        NudgeSkipReason.InterviewNotOver => "skipped: the interview is not over yet",
        NudgeSkipReason.InterviewNotHeld => "skipped: the interview didn't happen",
        NudgeSkipReason.RemindedRecently => $"skipped: reminded in the last {Lateness.Describe(cooldown)}",
        _ => "skipped",
    };

    /// <summary>
    /// The loops among <paramref name="loops"/> (those someone recruits or hires for) whose candidate matches
    /// <paramref name="query"/>: exactly by loop id, candidate id, ATS id or name, else by part of the name.
    /// </summary>
    public static IReadOnlyList<ManagedLoop> Match(IReadOnlyList<ManagedLoop> loops, string query)
    {
        ArgumentNullException.ThrowIfNull(loops);
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        var exact = loops.Where(l => Same(l.LoopId, q) || Same(l.CandidateId, q) || Same(l.ExternalId, q) || Same(l.CandidateName, q)).ToList();
        return exact.Count > 0 ? exact : [.. loops.Where(l => l.CandidateName.Contains(q, StringComparison.OrdinalIgnoreCase))];
    }

    private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Refused {Verb} on loop {LoopId}: the caller neither recruits nor hires for it")]
        public static partial void Refused(ILogger logger, string verb, string loopId);
    }
}
