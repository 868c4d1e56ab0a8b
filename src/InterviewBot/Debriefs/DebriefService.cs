using System.Globalization;
using InterviewBot.Cards;
using InterviewBot.Delivery;
using InterviewBot.Domain.Access;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Scorecards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Options;

namespace InterviewBot.Debriefs;

/// <summary>What asking for a debrief came to.</summary>
internal abstract record DebriefOutcome
{
    private DebriefOutcome()
    {
    }

    /// <summary>Posted as a new thread in the hiring channel.</summary>
    public sealed record Posted(Debrief Debrief, HiringChannel Channel, DebriefThread Thread) : DebriefOutcome;

    /// <summary>Scorecards are missing and a partial debrief was not asked for.</summary>
    public sealed record Missing(Debrief Debrief) : DebriefOutcome;

    /// <summary>No hiring channel is linked to the loop or its requisition.</summary>
    public sealed record NoChannel(Debrief Debrief) : DebriefOutcome;

    /// <summary>Another post of this debrief is under way.</summary>
    public sealed record Busy : DebriefOutcome;

    /// <summary>Teams did not take the post; nothing changed.</summary>
    public sealed record Failed(string Reason) : DebriefOutcome;
}

/// <summary>
/// Builds the debrief of a loop from storage (one aggregation, used by the channel card and the REST API alike) and
/// posts it to the hiring channel. The post is claimed on the loop's debrief row with its ETag first, so two
/// requests never post twice; a complete debrief locks the loop's scorecards when the requisition says so.
/// </summary>
internal sealed partial class DebriefService(
    HiringStore store,
    TemplateCatalog templates,
    UserDirectory users,
    IConnectorClient connector,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DebriefService> logger) : IScorecardSubmissions
{
    private const int MaxAttempts = 5;

    /// <summary>The debrief as it stands now, or null when the loop's template is not installed.</summary>
    public async Task<Debrief?> BuildAsync(LoopSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var template = templates.Find(snapshot.Loop.TemplateId);
        if (template is null)
        {
            return null;
        }

        var history = await store.GetCalibrationAsync(snapshot.Interviews.Select(i => i.Interviewer.AadObjectId), cancellationToken).ConfigureAwait(false);
        var notHeld = snapshot.FollowUps.Values
            .Where(f => f.NotHeld is not null)
            .ToDictionary(f => f.InterviewId, f => f.NotHeld!.Value, StringComparer.Ordinal);
        return DebriefAggregator.Aggregate(new DebriefInput(
            template,
            snapshot.Candidate,
            snapshot.Loop,
            snapshot.Interviews,
            [.. snapshot.Scorecards.Values],
            notHeld,
            history,
            snapshot.Debrief?.Value.LastPosting,
            time.GetUtcNow()));
    }

    /// <summary>The channel the loop's debrief goes to: the loop's own, else its requisition's.</summary>
    public async Task<HiringChannel?> ChannelOfAsync(LoopSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Debrief?.Value.Channel is { } own)
        {
            return own;
        }

        if (snapshot.Loop.RequisitionId is not { } requisition)
        {
            return null;
        }

        // A requisition's channel serves the loops its linker runs: one recruiter cannot redirect another's debriefs.
        var shared = await store.GetRequisitionChannelAsync(requisition, cancellationToken).ConfigureAwait(false);
        return shared is not null && AccessRules.CanManageLoop(shared.LinkedBy, snapshot.Loop) ? shared : null;
    }

    /// <summary>
    /// Posts the debrief of <paramref name="loopId"/> to its hiring channel. With scorecards missing it posts only
    /// when <paramref name="allowPartial"/>, labelled partial; a partial debrief never locks anything.
    /// </summary>
    public async Task<DebriefOutcome?> PostAsync(string loopId, string requestedBy, bool allowPartial, bool automatic, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
            if (snapshot is null)
            {
                return null;
            }

            var debrief = await BuildAsync(snapshot, cancellationToken).ConfigureAwait(false);
            if (debrief is null)
            {
                return new DebriefOutcome.Failed($"The scorecard template '{snapshot.Loop.TemplateId}' is not installed.");
            }

            var channel = await ChannelOfAsync(snapshot, cancellationToken).ConfigureAwait(false);
            if (channel is null)
            {
                return new DebriefOutcome.NoChannel(debrief);
            }

            if (debrief.IsPartial && !allowPartial)
            {
                return new DebriefOutcome.Missing(debrief);
            }

            var now = time.GetUtcNow();
            var state = snapshot.Debrief?.Value ?? LoopDebriefState.New(snapshot.Loop.Id, snapshot.Candidate.Id);
            if (automatic && state.LastPosting is { Partial: false })
            {
                // Two last scorecards arriving together both see the loop complete; the first one posts.
                return new DebriefOutcome.Busy();
            }

            if (!state.CanStartPosting(now))
            {
                return new DebriefOutcome.Busy();
            }

            string etag;
            try
            {
                etag = await store.SaveDebriefStateAsync(state.StartPosting(new PendingDebrief(debrief.IsPartial, requestedBy, automatic, now)), snapshot.Debrief?.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (StorageConflictException)
            {
                return new DebriefOutcome.Busy();
            }

            DebriefThread thread;
            try
            {
                thread = await SendAsync(channel, debrief, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectorException or InvalidOperationException)
            {
                Log.PostFailed(logger, ex, loopId);
                await RecordAsync(loopId, s => s.PostingFailed()).ConfigureAwait(false);
                return new DebriefOutcome.Failed(ex switch
                {
                    ConnectorException { ErrorCode: ConnectorErrorCodes.BotNotInConversationRoster } =>
                        "InterviewBot is no longer in that team. Add the app to the team again, or link another channel.",
                    NoTeamsRouteException =>
                        "InterviewBot has not heard from anyone in the hiring channel's organisation yet, so it cannot reach Teams there. Add the app to that team (or mention it once in the channel) and try again.",
                    _ => "Teams did not accept the post just now. Try again in a minute.",
                });
            }

            var posting = debrief.ToPosting(time.GetUtcNow());
            await RecordAsync(loopId, s => s.Posted(posting, thread, snapshot.Loop.Debrief.LockOnPost), etag).ConfigureAwait(false);
            Log.Posted(logger, loopId, debrief.IsPartial);
            return new DebriefOutcome.Posted(debrief, channel, thread);
        }
    }

    /// <summary>Folds a submitted scorecard into the calibration tallies, then posts the debrief if it was the last one and the requisition wants that.</summary>
    public async Task OnSubmittedAsync(InterviewContext context, Scorecard? previous, Scorecard submitted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(submitted);
        await store.FoldCalibrationAsync(previous, submitted, cancellationToken).ConfigureAwait(false);
        if (context.Loop.Debrief.AutoPost && previous is null)
        {
            await PostIfCompleteAsync(context.Loop.Id, submitted.InterviewerId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Posts the debrief automatically when the requisition asks for that and every interview that took place has
    /// its scorecard: after the last submit, or after the last missing interview turned out not to have happened.
    /// </summary>
    public async Task PostIfCompleteAsync(string loopId, string triggeredBy, CancellationToken cancellationToken = default)
    {
        try
        {
            await PostIfCompleteCoreAsync(loopId, triggeredBy, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What triggered it (a submit, an interview that did not happen) is stored; the recruiter can still post.
            Log.AutoPostFailed(logger, ex, loopId);
        }
    }

    private async Task PostIfCompleteCoreAsync(string loopId, string triggeredBy, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null || !snapshot.Loop.Debrief.AutoPost || snapshot.Debrief?.Value.LastPosting is { Partial: false })
        {
            return;
        }

        var held = snapshot.Interviews.Where(i => snapshot.FollowUps.GetValueOrDefault(i.Id)?.NotHeld is null).ToList();
        var complete = held.Count > 0 && held.All(i => snapshot.Scorecards.GetValueOrDefault(i.Id)?.Status == ScorecardStatus.Submitted);
        if (complete)
        {
            var outcome = await PostAsync(loopId, triggeredBy, allowPartial: false, automatic: true, cancellationToken).ConfigureAwait(false);
            if (outcome is not DebriefOutcome.Posted)
            {
                Log.AutoPostSkipped(logger, loopId, outcome?.GetType().Name ?? "NotFound");
            }
        }
    }

    /// <summary>
    /// The sweep's side of the automatic debrief: a check filed before a submit that may have completed the loop.
    /// Posting is idempotent (a full debrief already posted is not posted again), so the entry is simply done after.
    /// </summary>
    public async Task ProcessDueAsync(DueEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await PostIfCompleteAsync(entry.SubjectId, "sweep", cancellationToken).ConfigureAwait(false);
        await store.RemoveDueAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links <paramref name="channel"/> as the hiring channel of one loop.</summary>
    public async Task LinkLoopAsync(string loopId, HiringChannel channel, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Loop {loopId} does not exist.");
            var state = snapshot.Debrief?.Value ?? LoopDebriefState.New(snapshot.Loop.Id, snapshot.Candidate.Id);
            try
            {
                await store.SaveDebriefStateAsync(state.LinkTo(channel), snapshot.Debrief?.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Unlocks a loop's scorecards; false when they were not locked.</summary>
    public async Task<bool> UnlockAsync(string loopId, string by, CancellationToken cancellationToken = default)
    {
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot?.Debrief is not { Value.Locked: true })
        {
            return false;
        }

        await RecordAsync(loopId, s => s.Unlock(by, time.GetUtcNow())).ConfigureAwait(false);
        return true;
    }

    private async Task<DebriefThread> SendAsync(HiringChannel channel, Debrief debrief, CancellationToken cancellationToken)
    {
        var route = channel.ServiceUrl is { } serviceUrl && channel.TenantId is { } tenant
            ? await users.FindTenantRouteAsync(tenant, cancellationToken).ConfigureAwait(false) is { } known
                ? known with { ServiceUrl = serviceUrl }
                : null
            : await users.FindTenantRouteAsync(channel.TenantId ?? (string.IsNullOrWhiteSpace(options.Value.TenantId) ? null : options.Value.TenantId), cancellationToken).ConfigureAwait(false);
        if (route is null)
        {
            throw new NoTeamsRouteException();
        }

        var message = Activity.CreateMessage(DebriefCard.ForChannel(debrief));
        var created = await connector.CreateConversationAsync(
            route.ServiceUrl,
            new ConversationParameters
            {
                IsGroup = true,
                Bot = new ChannelAccount(route.BotId),
                TenantId = route.TenantId,
                Activity = message,
                ChannelData = new TeamsChannelData { Channel = new ChannelInfo(channel.ChannelId), Tenant = new TenantInfo(route.TenantId) },
            },
            cancellationToken).ConfigureAwait(false);
        var conversationId = created.Id ?? channel.ChannelId;
        var activityId = created.ActivityId ?? MessageIdOf(conversationId) ?? string.Empty;
        return new DebriefThread(conversationId, activityId, ThreadLink(channel, route.TenantId, activityId));
    }

    /// <summary>Applies <paramref name="change"/> to the freshest debrief row, retrying when someone else wrote meanwhile.</summary>
    private async Task RecordAsync(string loopId, Func<LoopDebriefState, LoopDebriefState> change, string? knownETag = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.GetLoopAsync(loopId, CancellationToken.None).ConfigureAwait(false);
            if (snapshot?.Debrief is not { } stored)
            {
                return;
            }

            try
            {
                await store.SaveDebriefStateAsync(change(stored.Value), knownETag is not null && attempt == 1 ? knownETag : stored.ETag, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private static string? MessageIdOf(string conversationId)
    {
        const string Marker = ";messageid=";
        var at = conversationId.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : conversationId[(at + Marker.Length)..];
    }

    /// <summary>A link that opens the thread in Teams, built the way Teams' own "Copy link" does.</summary>
    internal static string ThreadLink(HiringChannel channel, string tenantId, string messageId)
    {
        var query = new List<string> { "tenantId=" + Uri.EscapeDataString(tenantId) };
        if (channel.TeamAadGroupId is { } group)
        {
            query.Add("groupId=" + Uri.EscapeDataString(group));
        }

        query.Add("parentMessageId=" + Uri.EscapeDataString(messageId));
        if (channel.TeamName is { } team)
        {
            query.Add("teamName=" + Uri.EscapeDataString(team));
        }

        if (channel.ChannelName is { } name)
        {
            query.Add("channelName=" + Uri.EscapeDataString(name));
        }

        if (long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            query.Add("createdTime=" + messageId);
        }

        return $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channel.ChannelId)}/{Uri.EscapeDataString(messageId)}?{string.Join('&', query)}";
    }

    /// <summary>No Teams service URL is known for the hiring channel's tenant: nobody there has talked to the bot yet.</summary>
    private sealed class NoTeamsRouteException : InvalidOperationException
    {
        public NoTeamsRouteException()
            : base("No Teams service is known for the hiring channel's tenant yet.")
        {
        }

        public NoTeamsRouteException(string message)
            : base(message)
        {
        }

        public NoTeamsRouteException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Debrief of loop {LoopId} posted (partial: {Partial})")]
        public static partial void Posted(ILogger logger, string loopId, bool partial);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Debrief of loop {LoopId} could not be posted")]
        public static partial void PostFailed(ILogger logger, Exception exception, string loopId);

        [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Automatic debrief of loop {LoopId} failed")]
        public static partial void AutoPostFailed(ILogger logger, Exception exception, string loopId);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Automatic debrief of loop {LoopId} not posted: {Outcome}")]
        public static partial void AutoPostSkipped(ILogger logger, string loopId, string outcome);
    }
}
