using System.Text.Json;
using InterviewBot.Cards;
using InterviewBot.Domain.Access;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Scorecards;

/// <summary>
/// The scorecard card's buttons: open, save draft, submit, edit. The caller is whoever Teams authenticated; the
/// interview id in the card data only says which record to load, and the record decides whether they may act.
/// </summary>
internal sealed partial class ScorecardActions(
    HiringStore store,
    UserDirectory users,
    TemplateCatalog templates,
    IScorecardSubmissions submissions,
    TimeProvider time,
    ILogger<ScorecardActions> logger)
{
    private const int MaxAttempts = 3;

    public static bool Handles(string? verb) =>
        verb is ScorecardVerbs.Open or ScorecardVerbs.Save or ScorecardVerbs.Submit or ScorecardVerbs.Edit;

    /// <summary>Runs one verb and returns the card that replaces the one the button was on.</summary>
    public async Task<AdaptiveCard> HandleAsync(string verb, string? callerAadObjectId, JsonElement data, CancellationToken cancellationToken = default)
    {
        var interviewId = ScorecardForm.InterviewId(data);
        if (string.IsNullOrWhiteSpace(interviewId))
        {
            return ScorecardCard.Notice("This card is out of date", "It does not say which interview it is for. Type **scorecards** to get a fresh card.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
            if (context is null)
            {
                return ScorecardCard.Notice("Interview not found", "This interview no longer exists; it may have been removed by the recruiter. Type **scorecards** to see your interviews.");
            }

            if (!AccessRules.CanWriteScorecard(callerAadObjectId, context.Interview))
            {
                Log.Refused(logger, verb, interviewId);
                return ScorecardCard.Notice("This scorecard is not yours", "Only the interviewer who ran this interview can open or change its scorecard, and nothing was changed. Type **scorecards** to see the scorecards assigned to you.");
            }

            var template = templates.Find(context.Loop.TemplateId);
            if (template is null)
            {
                return ScorecardCard.Notice("Scorecard template missing", $"The template '{context.Loop.TemplateId}' is no longer installed. Ask your InterviewBot admin to restore it; nothing was changed.");
            }

            var timeZone = (await users.FindAsync(context.Interview.Interviewer.AadObjectId, cancellationToken).ConfigureAwait(false))?.TimeZone;
            var subject = new ScorecardSubject(context.Candidate, context.Interview, template, timeZone);
            var current = context.Scorecard?.Value;
            switch (verb)
            {
                case ScorecardVerbs.Open:
                    return current is { Status: ScorecardStatus.Submitted }
                        ? ScorecardCard.Submitted(subject, current, null)
                        : ScorecardCard.Form(subject, current is null ? Empty() : ScorecardDraft.From(current), current?.Version ?? 0, [], null);
                case ScorecardVerbs.Edit when context.Debrief?.Locked == true && current is not null:
                    return ScorecardCard.Submitted(subject, current, LockedBanner);
                case ScorecardVerbs.Edit:
                    return current is null
                        ? ScorecardCard.Form(subject, Empty(), 0, [], null)
                        : ScorecardCard.Form(subject, ScorecardDraft.From(current), current.Version, [], null, editingSubmitted: current.Status == ScorecardStatus.Submitted);
            }

            var typed = ScorecardForm.Read(data, context.Interview.Focus);
            var baseVersion = ScorecardForm.BaseVersion(data);
            if (context.Debrief?.Locked == true)
            {
                Log.Locked(logger, verb, interviewId);
                return current is { Status: ScorecardStatus.Submitted }
                    ? ScorecardCard.Submitted(subject, current, LockedBanner)
                    : ScorecardCard.Form(subject, typed, baseVersion, [], LockedBanner);
            }

            var now = time.GetUtcNow();
            var outcome = verb == ScorecardVerbs.Submit
                ? ScorecardRules.Submit(template, context.Interview, current, typed, baseVersion, now)
                : ScorecardRules.SaveDraft(template, context.Interview, current, typed, baseVersion, now);
            switch (outcome)
            {
                case ScorecardOutcome.Saved saved:
                    if (context.Loop.Debrief.AutoPost && saved.Scorecard.Status == ScorecardStatus.Submitted && current?.Status != ScorecardStatus.Submitted)
                    {
                        // Filed before the submit is stored: if the process stops before the automatic debrief is
                        // posted, the sweep still finds the loop and posts it.
                        await store.AddDueAsync(HiringStore.DebriefKind, context.Candidate.Id, context.Loop.Id, now + LoopDebriefState.PostingTimeout, cancellationToken).ConfigureAwait(false);
                    }

                    try
                    {
                        await store.SaveScorecardAsync(saved.Scorecard, context.Scorecard?.ETag, current, cancellationToken).ConfigureAwait(false);
                    }
                    catch (StorageConflictException) when (attempt < MaxAttempts)
                    {
                        // Someone (often Teams redelivering this very click) wrote first: decide again against what is stored now.
                        continue;
                    }
                    catch (StorageConflictException)
                    {
                        return ScorecardCard.Form(subject, typed, baseVersion, [], new Banner("This scorecard is being changed from somewhere else right now, so nothing was saved. Everything you typed is still here; press the button again.", BannerTone.Warning), editingSubmitted: current?.Status == ScorecardStatus.Submitted);
                    }

                    Log.Saved(logger, interviewId, saved.Scorecard.Status, saved.Scorecard.Version);
                    if (saved.Scorecard.Status == ScorecardStatus.Submitted)
                    {
                        // The scorecard is stored and acknowledged whatever happens next; what follows a submit
                        // (calibration, an automatic debrief) is re-driven from storage if it fails here.
                        try
                        {
                            await submissions.OnSubmittedAsync(context, current is { Status: ScorecardStatus.Submitted } ? current : null, saved.Scorecard, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Log.AfterSubmitFailed(logger, ex, interviewId);
                        }
                    }

                    return saved.Scorecard.Status == ScorecardStatus.Submitted
                        ? ScorecardCard.Submitted(subject, saved.Scorecard, null)
                        : ScorecardCard.Form(subject, ScorecardDraft.From(saved.Scorecard), saved.Scorecard.Version, [], DraftSaved(saved.Scorecard, timeZone));
                case ScorecardOutcome.Unchanged unchanged:
                    return unchanged.Scorecard.Status == ScorecardStatus.Submitted
                        ? ScorecardCard.Submitted(subject, unchanged.Scorecard, null)
                        : ScorecardCard.Form(subject, ScorecardDraft.From(unchanged.Scorecard), unchanged.Scorecard.Version, [], DraftSaved(unchanged.Scorecard, timeZone));
                case ScorecardOutcome.Rejected rejected:
                    return ScorecardCard.Form(subject, typed, baseVersion, rejected.Errors, null, editingSubmitted: current?.Status == ScorecardStatus.Submitted);
                case ScorecardOutcome.Stale stale:
                    // Keep what was typed, on top of the newer version, and let the interviewer decide.
                    return ScorecardCard.Form(
                        subject,
                        typed,
                        stale.Current.Version,
                        [],
                        new Banner($"This scorecard was changed elsewhere ({CardTime.Format(stale.Current.UpdatedAt, timeZone)}) after this card was shown. Your typing is kept here; press the button again to replace that version with it.", BannerTone.Warning),
                        editingSubmitted: stale.Current.Status == ScorecardStatus.Submitted);
                case ScorecardOutcome.AlreadySubmitted submitted:
                    return ScorecardCard.Submitted(subject, submitted.Current, new Banner("This scorecard is already submitted, so the draft was not saved. Use Edit to change it.", BannerTone.Warning));
                default:
                    throw new InvalidOperationException($"Unexpected outcome {outcome.GetType().Name}.");
            }
        }
    }

    private static readonly Banner LockedBanner = new(
        "The debrief for this candidate has been posted, so the loop's scorecards are locked and nothing was changed. If you need to correct yours, ask the recruiter to unlock the loop.",
        BannerTone.Warning);

    private static ScorecardDraft Empty() => new([], [], null, string.Empty);

    private static Banner DraftSaved(Scorecard scorecard, string? timeZone) =>
        new($"Draft saved {CardTime.Format(scorecard.UpdatedAt, timeZone)}. Nobody else can see it. Submit when you are done.", BannerTone.Good);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused scorecard action {Verb} on interview {InterviewId}: the caller is not its interviewer")]
        public static partial void Refused(ILogger logger, string verb, string interviewId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Refused scorecard action {Verb} on interview {InterviewId}: the loop is locked after its debrief")]
        public static partial void Locked(ILogger logger, string verb, string interviewId);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Scorecard of interview {InterviewId} was stored, but what follows a submit failed")]
        public static partial void AfterSubmitFailed(ILogger logger, Exception exception, string interviewId);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Scorecard of interview {InterviewId} stored as {Status}, version {Version}")]
        public static partial void Saved(ILogger logger, string interviewId, ScorecardStatus status, int version);
    }
}
