using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.People;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Options;

namespace InterviewBot.Delivery;

/// <summary>What one delivery attempt came to.</summary>
internal enum DeliveryOutcome
{
    Delivered,
    NotDue,
    Busy,
    Gone,
    Failed,
    Unreachable,
}

/// <summary>
/// Sends an interview's scorecard card to its interviewer's personal chat. The delivery row is claimed with its
/// ETag before anything is sent, so two workers never both send it; a failure releases the claim and files a
/// retry in the due index.
/// </summary>
internal sealed partial class DeliveryService(
    HiringStore store,
    UserDirectory users,
    TemplateCatalog templates,
    PersonalChats chats,
    IConnectorClient connector,
    TimeProvider time,
    ILogger<DeliveryService> logger)
{
    public async Task<DeliveryOutcome> DeliverAsync(string candidateId, string interviewId, CancellationToken cancellationToken = default)
    {
        var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
        if (context is null || context.Candidate.Id != candidateId || context.Delivery is null)
        {
            return DeliveryOutcome.Gone;
        }

        var stored = context.Delivery;
        if (stored.Value.Status == DeliveryStatus.Delivered)
        {
            return DeliveryOutcome.Delivered;
        }

        // Nobody fills in a scorecard for an interview that did not take place; a PATCH back to "scheduled" files it again.
        if (context.FollowUp?.Value.NotHeld is not null)
        {
            return DeliveryOutcome.Gone;
        }

        var now = time.GetUtcNow();
        if (!stored.Value.CanClaim(now))
        {
            return DeliveryOutcome.NotDue;
        }

        var claimed = stored.Value.Claim(now);
        string etag;
        try
        {
            etag = await store.ReplaceDeliveryAsync(claimed, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            return DeliveryOutcome.Busy;
        }

        try
        {
            var template = templates.Find(context.Loop.TemplateId)
                ?? throw new InvalidOperationException($"Template '{context.Loop.TemplateId}' is not installed.");
            // Read once: the time zone goes on the card, the rest says where to send it.
            var interviewer = await chats.FindAsync(context.Interview.Interviewer, cancellationToken).ConfigureAwait(false);
            var subject = new ScorecardSubject(context.Candidate, context.Interview, template, interviewer.TimeZone);
            var scorecard = context.Scorecard?.Value;
            var card = scorecard is { Status: ScorecardStatus.Submitted }
                ? ScorecardCard.Submitted(subject, scorecard, null)
                : ScorecardCard.Form(subject, scorecard is null ? new ScorecardDraft([], [], null, string.Empty) : ScorecardDraft.From(scorecard), scorecard?.Version ?? 0, [], null);
            var message = Activity.CreateMessage(card, "Your interview has ended. Here is your scorecard: rate what you observed while it is fresh.");
            var sent = await chats.SendAsync(interviewer, message, cancellationToken).ConfigureAwait(false);
            if (sent is null)
            {
                await FailAsync(claimed, etag, "No way to reach the interviewer yet: nobody from their tenant has used InterviewBot. It goes out as soon as anyone in their organisation starts using InterviewBot, and is retried automatically until then.").ConfigureAwait(false);
                await store.MarkWaitingForRouteAsync(candidateId, interviewId, CancellationToken.None).ConfigureAwait(false);
                Log.NoRoute(logger, interviewId);
                return DeliveryOutcome.Failed;
            }

            var conversationId = sent.ConversationId;
            try
            {
                await store.ReplaceDeliveryAsync(claimed.Delivered(conversationId, sent.ActivityId, time.GetUtcNow()), etag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                // Our claim timed out and another worker took over; it decides the final state.
            }

            if (claimed.LastError is not null)
            {
                await store.ClearWaitingForRouteAsync(interviewId, CancellationToken.None).ConfigureAwait(false);
            }

            Log.Delivered(logger, interviewId, claimed.Attempts);
            return DeliveryOutcome.Delivered;
        }
        catch (ConnectorException ex) when (ConnectorErrorCodes.MeansUserUnreachable(ex.ErrorCode))
        {
            // Teams would refuse every retry the same way until the interviewer acts, so stop and tell the recruiters.
            Log.Unreachable(logger, interviewId, ex.ErrorCode);
            var reason = ex.ErrorCode == ConnectorErrorCodes.ConversationBlockedByUser
                ? "Teams says this interviewer blocked InterviewBot. Ask them to unblock it in their chat with InterviewBot, then type scorecards."
                : "Teams says InterviewBot cannot write to this interviewer (the app was removed or blocked). Ask them to open InterviewBot in Teams, then type scorecards.";
            try
            {
                await store.ReplaceDeliveryAsync(claimed.GiveUp(reason, time.GetUtcNow()), etag, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                return DeliveryOutcome.Busy;
            }

            await TellRecruitersAsync(context, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Unreachable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AttemptFailed(logger, ex, interviewId, claimed.Attempts);
            await FailAsync(claimed, etag, Describe(ex)).ConfigureAwait(false);
            return DeliveryOutcome.Failed;
        }
    }

    /// <summary>
    /// Lets the loop's recruiters know, in their personal chats, that an interviewer cannot be reached. Best effort:
    /// the state is stored and visible through the API whether or not this message arrives.
    /// </summary>
    private async Task TellRecruitersAsync(InterviewContext context, CancellationToken cancellationToken)
    {
        foreach (var recruiter in context.Loop.Recruiters)
        {
            var known = await users.FindAsync(recruiter.AadObjectId, cancellationToken).ConfigureAwait(false);
            if (known?.PersonalConversationId is null)
            {
                continue;
            }

            try
            {
                var message = Activity.CreateMessage(ScorecardCard.Notice(
                    "An interviewer cannot be reached",
                    "InterviewBot could not send a scorecard because Teams says the interviewer removed or blocked the app. Ask them to open InterviewBot in Teams and type scorecards.",
                    new Banner(UserText.Clean(context.Interview.Interviewer.Name, 200) + " · " + UserText.Clean(context.Candidate.Name, 200), BannerTone.Warning)));
                await connector.SendToConversationAsync(known.ServiceUrl, known.PersonalConversationId, message, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                Log.RecruiterNotTold(logger, ex, context.Interview.Id);
            }
        }
    }

    // Runs even when the attempt was cancelled midway, so the claim is always released.
    private async Task FailAsync(ScorecardDelivery claimed, string etag, string reason)
    {
        var now = time.GetUtcNow();
        var failed = claimed.Failed(reason, now + claimed.RetryDelay(), now);
        try
        {
            await store.ReplaceDeliveryAsync(failed, etag, CancellationToken.None).ConfigureAwait(false);
            await store.AddDueAsync(HiringStore.DeliveryKind, failed.CandidateId, failed.InterviewId, failed.DueAt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another worker owns it now.
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        ConnectorException c => $"Teams answered {(int)c.StatusCode}{(string.IsNullOrEmpty(c.ErrorCode) ? string.Empty : " " + c.ErrorCode)}.",
        HttpRequestException => "Teams could not be reached.",
        _ => "Unexpected error: " + ex.GetType().Name + ".",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Scorecard of interview {InterviewId} delivered on attempt {Attempt}")]
        public static partial void Delivered(ILogger logger, string interviewId, int attempt);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Scorecard delivery for interview {InterviewId} failed on attempt {Attempt}; retry scheduled")]
        public static partial void AttemptFailed(ILogger logger, Exception exception, string interviewId, int attempt);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Interview {InterviewId}: Teams says the interviewer cannot be reached ({ErrorCode}); delivery stopped and recruiters told")]
        public static partial void Unreachable(ILogger logger, string interviewId, string? errorCode);

        [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Interview {InterviewId}: could not tell a recruiter that the interviewer is unreachable")]
        public static partial void RecruiterNotTold(ILogger logger, Exception exception, string interviewId);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Scorecard delivery for interview {InterviewId} has no route to the interviewer yet")]
        public static partial void NoRoute(ILogger logger, string interviewId);
    }
}
