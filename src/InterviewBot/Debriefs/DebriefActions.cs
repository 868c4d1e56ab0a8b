using System.Text.Json;
using InterviewBot.Cards;
using InterviewBot.Domain.Access;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Debriefs;

/// <summary>
/// What recruiters and hiring managers do around the debrief: link the hiring channel, post the debrief (whole or
/// partial), unlock scorecards after it. Chat commands find the loop by name or id, the choice card's buttons name
/// it by id; either way the caller must recruit or hire for that loop.
/// </summary>
internal sealed partial class DebriefActions(
    HiringStore store,
    TemplateCatalog templates,
    DebriefService debriefs,
    LoopActions loops,
    UserDirectory users,
    TimeProvider time,
    ILogger<DebriefActions> logger)
{
    public const string DebriefVerb = "loop.debrief";
    public const string LinkVerb = "loop.link";
    public const string UnlockVerb = "loop.unlock";

    public static bool Handles(string? verb) => verb is DebriefVerb or LinkVerb or UnlockVerb or DebriefVerbs.PostPartial or DebriefVerbs.Remind;

    /// <summary>A button: the loop is named by id in its data.</summary>
    public Task<AdaptiveCard> HandleAsync(string verb, Activity activity, JsonElement data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var loopId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(DebriefVerbs.LoopIdField, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (loopId is null)
        {
            return Task.FromResult(ScorecardCard.Notice("This card is out of date", "Type **debrief** followed by the candidate's name."));
        }

        return verb == DebriefVerbs.Remind
            ? loops.HandleAsync(LoopActions.RemindVerb, activity.From?.AadObjectId, data, cancellationToken)
            : RunAsync(verb, activity, loopId, cancellationToken);
    }

    /// <summary>A chat command: finds the caller's loop matching <paramref name="query"/> and runs the verb, or asks which one.</summary>
    public async Task<AdaptiveCard> FindAndRunAsync(string verb, Activity activity, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var command = verb switch { LinkVerb => "link", UnlockVerb => "unlock", _ => "debrief" };
        var caller = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(caller))
        {
            return ScorecardCard.Notice("Who are you?", "I can't tell who you are in this conversation. Try again in a personal chat with me.");
        }

        if (verb == LinkVerb && ChannelOf(activity, caller) is null)
        {
            return ScorecardCard.Notice("Link a channel from the channel itself", "Go to the Teams channel where the hiring panel meets, mention me there and type link with the candidate's name or the requisition, for example: @InterviewBot link Jordan Lee.");
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return ScorecardCard.Notice("Which candidate?", $"Type **{command}** followed by the candidate's name, for example: {command} Jordan Lee." + (verb == LinkVerb ? " A requisition id links every loop of that requisition." : string.Empty));
        }

        var managed = await store.GetLoopsManagedByAsync(caller, cancellationToken).ConfigureAwait(false);
        var matches = LoopActions.Match(managed, query);
        if (verb == LinkVerb)
        {
            var requisition = managed
                .Where(l => l.RequisitionId is not null && string.Equals(l.RequisitionId, query.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (requisition.Count > 0 && !matches.Any(m => string.Equals(m.CandidateName, query.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                return await LinkRequisitionAsync(activity, caller, requisition, cancellationToken).ConfigureAwait(false);
            }
        }

        var zone = (await users.FindAsync(caller, cancellationToken).ConfigureAwait(false))?.TimeZone;
        return matches.Count switch
        {
            0 => ScorecardCard.Notice("No matching candidate", "None of the loops you recruit or hire for has a candidate matching that. Check the spelling, or ask the loop's recruiter to add you."),
            1 => await RunAsync(verb, activity, matches[0].LoopId, cancellationToken).ConfigureAwait(false),
            _ => LoopCards.Choose(verb, [.. matches.Take(10)], zone),
        };
    }

    private async Task<AdaptiveCard> RunAsync(string verb, Activity activity, string loopId, CancellationToken cancellationToken)
    {
        var caller = activity.From?.AadObjectId;
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return ScorecardCard.Notice("Loop not found", "This loop no longer exists.");
        }

        if (!AccessRules.CanManageLoop(caller, snapshot.Loop))
        {
            Log.Refused(logger, verb, loopId);
            return ScorecardCard.Notice("Not your loop", "Only the loop's recruiters and hiring managers can link its hiring channel, post its debrief or unlock it; nothing was changed. If you interviewed the candidate, type **scorecards** to see your own scorecard.");
        }

        var role = templates.Find(snapshot.Loop.TemplateId)?.Role ?? snapshot.Loop.TemplateId;
        switch (verb)
        {
            case LinkVerb:
                var channel = ChannelOf(activity, caller!);
                if (channel is null)
                {
                    return ScorecardCard.Notice("Link a channel from the channel itself", "Mention me in the channel where the hiring panel meets and type link with the candidate's name there.");
                }

                await debriefs.LinkLoopAsync(loopId, channel, cancellationToken).ConfigureAwait(false);
                Log.Linked(logger, loopId);
                return DebriefReplies.Linked(channel, [snapshot.Candidate.Name], role, null);
            case UnlockVerb:
                if (!snapshot.Loop.Recruiters.Any(r => r.Is(caller)))
                {
                    return ScorecardCard.Notice("Only a recruiter can unlock", "Scorecards are locked once the debrief is posted, so the panel decides on what it read. Ask the loop's recruiter to unlock them if a correction is needed.");
                }

                return await debriefs.UnlockAsync(loopId, caller!, cancellationToken).ConfigureAwait(false)
                    ? DebriefReplies.Unlocked(snapshot.Candidate.Name)
                    : ScorecardCard.Notice("Not locked", "This loop's scorecards are not locked: interviewers can already edit them.");
        }

        // Independence comes first: someone who also interviewed the candidate reads the others' feedback only after
        // submitting their own.
        var ownPending = snapshot.Interviews.FirstOrDefault(i => i.Interviewer.Is(caller)
            && snapshot.FollowUps.GetValueOrDefault(i.Id)?.NotHeld is null
            && snapshot.Scorecards.GetValueOrDefault(i.Id)?.Status != ScorecardStatus.Submitted);
        if (ownPending is not null)
        {
            return ScorecardCard.Notice("Submit your own scorecard first", "You interviewed this candidate too. Nobody reads the panel's feedback before writing their own: submit your scorecard, then ask for the debrief again. Type **scorecards** to open it.");
        }

        var outcome = await debriefs.PostAsync(loopId, caller!, allowPartial: verb == DebriefVerbs.PostPartial, automatic: false, cancellationToken).ConfigureAwait(false);
        var zone = (await users.FindAsync(caller!, cancellationToken).ConfigureAwait(false))?.TimeZone;
        return outcome switch
        {
            DebriefOutcome.Posted posted => DebriefReplies.Posted(posted, zone),
            DebriefOutcome.Missing missing => DebriefCard.Missing(missing.Debrief, zone),
            DebriefOutcome.NoChannel => DebriefReplies.NoChannel(snapshot.Candidate.Name, snapshot.Loop.RequisitionId),
            DebriefOutcome.Busy => ScorecardCard.Notice("Already being posted", "This debrief is being posted right now. It will appear in the hiring channel in a moment."),
            DebriefOutcome.Failed failed => ScorecardCard.Notice("The debrief was not posted", failed.Reason),
            _ => ScorecardCard.Notice("Loop not found", "This loop no longer exists."),
        };
    }

    private async Task<AdaptiveCard> LinkRequisitionAsync(Activity activity, string caller, List<ManagedLoop> loopsOfRequisition, CancellationToken cancellationToken)
    {
        var requisitionId = loopsOfRequisition[0].RequisitionId!;
        var channel = ChannelOf(activity, caller)!;
        await store.SetRequisitionChannelAsync(requisitionId, channel, cancellationToken).ConfigureAwait(false);
        Log.RequisitionLinked(logger);
        return DebriefReplies.Linked(channel, [.. loopsOfRequisition.Select(l => l.CandidateName)], null, requisitionId);
    }

    /// <summary>The channel a message came from, as a hiring channel linked by <paramref name="caller"/>; null outside a team channel.</summary>
    internal HiringChannel? ChannelOf(Activity activity, string caller)
    {
        if (!activity.IsChannelConversation)
        {
            return null;
        }

        var data = activity.GetTeamsChannelData();
        var channelId = data?.Channel?.Id ?? activity.Conversation?.Id?.Split(';')[0];
        if (string.IsNullOrWhiteSpace(channelId))
        {
            return null;
        }

        return new HiringChannel(
            channelId,
            data?.Channel?.Name ?? (data?.Team?.Id == channelId ? "General" : null),
            data?.Team?.Id,
            data?.Team?.Name,
            data?.Team?.AadGroupId,
            data?.Tenant?.Id ?? activity.Conversation?.TenantId,
            activity.ServiceUrl,
            caller,
            time.GetUtcNow());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Refused {Verb} on loop {LoopId}: the caller neither recruits nor hires for it")]
        public static partial void Refused(ILogger logger, string verb, string loopId);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Hiring channel linked to loop {LoopId}")]
        public static partial void Linked(ILogger logger, string loopId);

        [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Hiring channel linked to a requisition")]
        public static partial void RequisitionLinked(ILogger logger);
    }
}
