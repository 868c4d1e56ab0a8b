using System.Text.Json;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Api;

/// <summary>
/// The debrief as the REST API returns it, for an ATS: the same aggregate as the channel card, so the two never
/// disagree. Means are the one-decimal numbers the card shows; enums are camelCase strings; private notes are not part
/// of the aggregate, so they cannot appear here.
/// </summary>
internal static class DebriefJson
{
    public static DebriefView From(Debrief debrief)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        return new DebriefView(
            debrief.LoopId,
            new CandidateView(debrief.Candidate.Id, debrief.Candidate.Name, debrief.Candidate.ExternalId),
            debrief.TemplateId,
            debrief.Role,
            debrief.FirstInterviewStart,
            debrief.LastInterviewEnd,
            debrief.IsPartial,
            new CompletionView(
                debrief.Completion.Expected,
                debrief.Completion.Submitted,
                [.. debrief.Completion.Missing.Select(m => new MissingScorecardView(Panelist(m.Panelist), m.FeedbackDue, m.IsLate, (long)m.Late.TotalMinutes))]),
            [.. debrief.Recommendations.Select(t => new RecommendationView(Name(t.Recommendation), t.Recommendation.Display(), t.Count, [.. t.By.Select(Panelist)]))],
            [.. debrief.Dimensions.Select(Dimension)],
            [.. debrief.CoverageGaps.Select(g => new CoverageGapView(g.DimensionId, g.Name, Name(g.Reason), g.NotAssessedCount, g.AwaitingCount))],
            [.. debrief.RedFlags.Select(f => new RedFlagView(
                f.SignalId,
                f.Text,
                [.. f.Reports.Select(r => new RedFlagReportView(Panelist(r.RaisedBy), [.. r.Evidence.Select(e => new EvidenceView(e.DimensionId, e.DimensionName, e.Score, e.Excerpt))]))]))],
            [.. debrief.StrongSignals.Select(Signal)],
            [.. debrief.WeakSignals.Select(Signal)],
            [.. debrief.NotHeld.Select(n => new NotHeldView(Panelist(n.Panelist), InterviewsApi.Status(n.Reason)))],
            [.. debrief.ChangedAfterPosting.Select(c => new ChangedScorecardView(Panelist(c.Panelist), c.PostedVersion, c.CurrentVersion, c.ChangedAt))],
            new Dictionary<string, int>(debrief.Versions, StringComparer.Ordinal),
            debrief.GeneratedAt);
    }

    private static DimensionView Dimension(DimensionSummary dimension) => new(
        dimension.DimensionId,
        dimension.Name,
        dimension.DisplayMean,
        dimension.Min,
        dimension.Max,
        dimension.ScoredCount,
        dimension.NotAssessedCount,
        dimension.HasDisagreement,
        [.. dimension.Disagreements.Select(Name)],
        [.. dimension.Entries.Select(e => new DimensionScoreView(
            Panelist(e.Panelist),
            e.Score,
            e.NotAssessed,
            e.Evidence,
            e.Excerpt,
            e.Calibration is { } hint
                ? new CalibrationView(Name(hint.Tendency), DimensionSummary.RoundForDisplay(hint.InterviewerMean), DimensionSummary.RoundForDisplay(hint.OverallMean), hint.InterviewerScorecards)
                : null))]);

    private static SignalView Signal(SignalTally signal) => new(signal.SignalId, signal.Text, [.. signal.By.Select(Panelist)]);

    private static PanelistView Panelist(Panelist panelist) => new(
        panelist.InterviewId,
        new PersonView(panelist.Interviewer.AadObjectId, panelist.Interviewer.Name),
        panelist.ExerciseId,
        panelist.ExerciseName);

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>The debrief of one loop.</summary>
internal sealed record DebriefView(
    string LoopId,
    CandidateView Candidate,
    string Template,
    string Role,
    DateTimeOffset? FirstInterviewStart,
    DateTimeOffset? LastInterviewEnd,
    bool Partial,
    CompletionView Completion,
    IReadOnlyList<RecommendationView> Recommendations,
    IReadOnlyList<DimensionView> Dimensions,
    IReadOnlyList<CoverageGapView> CoverageGaps,
    IReadOnlyList<RedFlagView> RedFlags,
    IReadOnlyList<SignalView> StrongSignals,
    IReadOnlyList<SignalView> WeakSignals,
    IReadOnlyList<NotHeldView> NotHeld,
    IReadOnlyList<ChangedScorecardView> ChangedAfterPosting,
    IReadOnlyDictionary<string, int> ScorecardVersions,
    DateTimeOffset GeneratedAt);

/// <summary>An interviewer and the interview they ran.</summary>
internal sealed record PanelistView(string InterviewId, PersonView Interviewer, string Exercise, string ExerciseName);

internal sealed record CompletionView(int Expected, int Submitted, IReadOnlyList<MissingScorecardView> Missing);

internal sealed record MissingScorecardView(PanelistView Interview, DateTimeOffset FeedbackDue, bool Overdue, long MinutesLate);

/// <summary>One overall recommendation: "strongHire", "hire", "noHire" or "strongNoHire", always all four in that order.</summary>
internal sealed record RecommendationView(string Recommendation, string Label, int Count, IReadOnlyList<PanelistView> Interviewers);

/// <summary>One dimension; <see cref="Mean"/> is rounded to one decimal, as the card shows it.</summary>
internal sealed record DimensionView(
    string Id,
    string Name,
    double? Mean,
    int? Min,
    int? Max,
    int Scored,
    int NotAssessed,
    bool Disagreement,
    IReadOnlyList<string> DisagreementReasons,
    IReadOnlyList<DimensionScoreView> Scores);

/// <summary>One interviewer's score (null when not assessed) with their evidence in full and as the card's excerpt.</summary>
internal sealed record DimensionScoreView(PanelistView Interview, int? Score, bool NotAssessed, string Evidence, string Excerpt, CalibrationView? Calibration);

/// <summary>"harsher" or "moreLenient", with the averages behind it.</summary>
internal sealed record CalibrationView(string Tendency, double InterviewerMean, double OverallMean, int InterviewerScorecards);

internal sealed record CoverageGapView(string DimensionId, string Name, string Reason, int NotAssessed, int Awaiting);

internal sealed record RedFlagView(string Signal, string Text, IReadOnlyList<RedFlagReportView> RaisedBy);

internal sealed record RedFlagReportView(PanelistView Interview, IReadOnlyList<EvidenceView> Evidence);

internal sealed record EvidenceView(string DimensionId, string DimensionName, int? Score, string Excerpt);

internal sealed record SignalView(string Signal, string Text, IReadOnlyList<PanelistView> Interviewers);

internal sealed record NotHeldView(PanelistView Interview, string Reason);

internal sealed record ChangedScorecardView(PanelistView Interview, int? PostedVersion, int CurrentVersion, DateTimeOffset ChangedAt);
