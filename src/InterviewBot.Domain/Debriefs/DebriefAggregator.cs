using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Debriefs;

/// <summary>Computes the debrief from a loop's interviews and scorecards. Pure: the same input gives the same debrief.</summary>
public static class DebriefAggregator
{
    /// <summary>The order recommendations are tallied in, whatever the counts: from most to least in favour.</summary>
    public static IReadOnlyList<Recommendation> TallyOrder { get; } =
        [Recommendation.StrongHire, Recommendation.Hire, Recommendation.NoHire, Recommendation.StrongNoHire];

    /// <summary>
    /// Builds the debrief. Only the latest submitted scorecard of each interview counts; drafts, scorecards of
    /// interviews that did not take place and scorecards of unknown interviews are left out. Private notes are never read.
    /// Interviewers are listed by interview start, then name, so the order never depends on storage.
    /// </summary>
    public static Debrief Aggregate(DebriefInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var template = input.Template;
        var interviews = input.Interviews
            .OrderBy(i => i.Start)
            .ThenBy(i => i.Interviewer.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var panelists = interviews.ToDictionary(i => i.Id, i => PanelistOf(template, i), StringComparer.Ordinal);
        var held = interviews.Where(i => !input.NotHeld.ContainsKey(i.Id)).ToList();
        var latestSubmitted = input.Scorecards
            .Where(s => s.Status == ScorecardStatus.Submitted)
            .GroupBy(s => s.InterviewId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!, StringComparer.Ordinal);
        var counted = held
            .Where(i => latestSubmitted.ContainsKey(i.Id))
            .Select(i => new Submission(i, panelists[i.Id], latestSubmitted[i.Id]))
            .ToList();
        var missing = held
            .Where(i => !latestSubmitted.ContainsKey(i.Id))
            .Select(i => new MissingScorecard(panelists[i.Id], i.FeedbackDue, Lateness.Of(i.FeedbackDue, input.Now)))
            .ToList();

        var dimensions = template.Dimensions.Select(d => Summarize(d, counted, input.History)).ToList();
        return new Debrief(
            input.Loop.Id,
            input.Candidate,
            template.Id,
            template.Role,
            held.Count == 0 ? null : held.Min(i => i.Start),
            held.Count == 0 ? null : held.Max(i => i.End),
            new DebriefCompletion(held.Count, counted.Count, missing),
            [.. TallyOrder.Select(r => new RecommendationTally(r, [.. counted.Where(s => s.Scorecard.Recommendation == r).Select(s => s.Panelist)]))],
            dimensions,
            CoverageGaps(template, dimensions, held, missing),
            RedFlags(template, counted),
            Signals(template, counted, SignalKind.Strong),
            Signals(template, counted, SignalKind.Weak),
            [.. interviews.Where(i => input.NotHeld.ContainsKey(i.Id)).Select(i => new NotHeldInterview(panelists[i.Id], input.NotHeld[i.Id]))],
            ChangedAfter(input.LastPosting, counted),
            counted.ToDictionary(s => s.Interview.Id, s => s.Scorecard.Version, StringComparer.Ordinal),
            input.Now);
    }

    private static Panelist PanelistOf(ScorecardTemplate template, Interview interview) =>
        new(interview.Id, interview.Interviewer, interview.ExerciseId, template.FindExercise(interview.ExerciseId)?.Name ?? interview.ExerciseId, interview.Start);

    private static DimensionSummary Summarize(Dimension dimension, IReadOnlyList<Submission> counted, CalibrationHistory history)
    {
        var entries = new List<DimensionEntry>();
        var hire = false;
        var noHire = false;
        foreach (var submission in counted)
        {
            var rating = submission.Scorecard.RatingFor(dimension.Id);
            if (rating.Score is null && !rating.NotAssessed && !submission.Interview.Focus.Contains(dimension.Id))
            {
                continue;
            }

            var hint = rating.Score is null ? null : history.HintFor(submission.Interview.Interviewer.AadObjectId, dimension.Id);
            entries.Add(new DimensionEntry(submission.Panelist, rating.Score, rating.Evidence, Excerpt.Of(rating.Evidence), hint));
            if (rating.Score is not null)
            {
                hire |= submission.Scorecard.Recommendation is Recommendation.Hire or Recommendation.StrongHire;
                noHire |= submission.Scorecard.Recommendation is Recommendation.NoHire or Recommendation.StrongNoHire;
            }
        }

        var scores = entries.Where(e => e.Score is not null).Select(e => e.Score!.Value).ToList();
        var disagreements = new List<DisagreementReason>();
        if (scores.Count > 1 && scores.Max() - scores.Min() >= DimensionSummary.DisagreementSpread)
        {
            disagreements.Add(DisagreementReason.ScoreSpread);
        }

        if (hire && noHire)
        {
            disagreements.Add(DisagreementReason.HireAndNoHire);
        }

        return new DimensionSummary(
            dimension.Id,
            dimension.Name,
            scores.Count == 0 ? null : scores.Average(),
            scores.Count == 0 ? null : scores.Min(),
            scores.Count == 0 ? null : scores.Max(),
            entries,
            entries.Count(e => e.Score is null),
            disagreements);
    }

    private static List<CoverageGap> CoverageGaps(ScorecardTemplate template, IReadOnlyList<DimensionSummary> dimensions, IReadOnlyList<Interview> held, IReadOnlyList<MissingScorecard> missing)
    {
        var awaiting = missing.Select(m => m.Panelist.InterviewId).ToHashSet(StringComparer.Ordinal);
        var gaps = new List<CoverageGap>();
        foreach (var summary in dimensions.Where(d => d.ScoredCount == 0))
        {
            var awaitingCount = held.Count(i => awaiting.Contains(i.Id) && i.Focus.Contains(summary.DimensionId));
            var reason = awaitingCount > 0 ? CoverageGapReason.AwaitingScorecards
                : summary.NotAssessedCount > 0 ? CoverageGapReason.MarkedNotAssessed
                : CoverageGapReason.NotInAnyFocus;
            gaps.Add(new CoverageGap(summary.DimensionId, template.FindDimension(summary.DimensionId)?.Name ?? summary.DimensionId, reason, summary.NotAssessedCount, awaitingCount));
        }

        return gaps;
    }

    private static List<RedFlag> RedFlags(ScorecardTemplate template, IReadOnlyList<Submission> counted) =>
        [.. template.Signals
            .Where(s => s.Kind == SignalKind.RedFlag)
            .Select(signal => new RedFlag(
                signal.Id,
                signal.Text,
                [.. counted.Where(s => s.Scorecard.Signals.Contains(signal.Id)).Select(s => new RedFlagReport(s.Panelist, EvidenceOf(template, s.Scorecard)))]))
            .Where(f => f.Reports.Count > 0)];

    // The raiser's own evidence, in template order, so a reader sees what the red flag rests on.
    private static List<EvidenceExcerpt> EvidenceOf(ScorecardTemplate template, Scorecard scorecard) =>
        [.. template.Dimensions
            .Select(d => (Dimension: d, Rating: scorecard.RatingFor(d.Id)))
            .Where(x => !string.IsNullOrWhiteSpace(x.Rating.Evidence))
            .Select(x => new EvidenceExcerpt(x.Dimension.Id, x.Dimension.Name, x.Rating.Score, Excerpt.Of(x.Rating.Evidence)))];

    private static List<SignalTally> Signals(ScorecardTemplate template, IReadOnlyList<Submission> counted, SignalKind kind) =>
        [.. template.Signals
            .Where(s => s.Kind == kind)
            .Select(signal => new SignalTally(signal.Id, signal.Kind, signal.Text, [.. counted.Where(s => s.Scorecard.Signals.Contains(signal.Id)).Select(s => s.Panelist)]))
            .Where(t => t.By.Count > 0)];

    private static List<ChangedScorecard> ChangedAfter(DebriefPosting? posting, IReadOnlyList<Submission> counted)
    {
        if (posting is null)
        {
            return [];
        }

        var changed = new List<ChangedScorecard>();
        foreach (var submission in counted)
        {
            int? posted = posting.ScorecardVersions.TryGetValue(submission.Interview.Id, out var version) ? version : null;
            if (posted is null || submission.Scorecard.Version > posted)
            {
                changed.Add(new ChangedScorecard(submission.Panelist, posted, submission.Scorecard.Version, submission.Scorecard.UpdatedAt));
            }
        }

        return changed;
    }

    private sealed record Submission(Interview Interview, Panelist Panelist, Scorecard Scorecard);
}
