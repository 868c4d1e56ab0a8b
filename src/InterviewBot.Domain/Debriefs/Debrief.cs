using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Debriefs;

/// <summary>
/// What a hiring panel decides from: who said what, where they agree and disagree, what nobody assessed and every red
/// flag with its evidence. One aggregate, shown both as the channel card and as the REST API's JSON. It never holds a
/// private note and never a draft.
/// </summary>
public sealed record Debrief(
    string LoopId,
    Candidate Candidate,
    string TemplateId,
    string Role,
    DateTimeOffset? FirstInterviewStart,
    DateTimeOffset? LastInterviewEnd,
    DebriefCompletion Completion,
    IReadOnlyList<RecommendationTally> Recommendations,
    IReadOnlyList<DimensionSummary> Dimensions,
    IReadOnlyList<CoverageGap> CoverageGaps,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<SignalTally> StrongSignals,
    IReadOnlyList<SignalTally> WeakSignals,
    IReadOnlyList<NotHeldInterview> NotHeld,
    IReadOnlyList<ChangedScorecard> ChangedAfterPosting,
    IReadOnlyDictionary<string, int> Versions,
    DateTimeOffset GeneratedAt)
{
    /// <summary>Some expected scorecards are not submitted yet; the channel must see the debrief labelled as partial.</summary>
    public bool IsPartial => Completion.Missing.Count > 0;

    /// <summary>A scorecard was submitted or changed after the last posting of this debrief.</summary>
    public bool ChangedSincePosted => ChangedAfterPosting.Count > 0;

    /// <summary>What to store once this debrief has been posted, so that later changes can be pointed out.</summary>
    public DebriefPosting ToPosting(DateTimeOffset postedAt) => new(postedAt, IsPartial, Versions);
}

/// <summary>An interviewer as the debrief names them: who, and which interview they ran.</summary>
public sealed record Panelist(string InterviewId, Person Interviewer, string ExerciseId, string ExerciseName, DateTimeOffset InterviewStart);

/// <summary>How many scorecards are in: expected excludes interviews that did not take place.</summary>
public sealed record DebriefCompletion(int Expected, int Submitted, IReadOnlyList<MissingScorecard> Missing);

/// <summary>A scorecard the debrief is still waiting for, and how late it is (zero when not due yet).</summary>
public sealed record MissingScorecard(Panelist Panelist, DateTimeOffset FeedbackDue, TimeSpan Late)
{
    public bool IsLate => Late > TimeSpan.Zero;
}

/// <summary>Who chose one overall recommendation.</summary>
public sealed record RecommendationTally(Recommendation Recommendation, IReadOnlyList<Panelist> By)
{
    public int Count => By.Count;
}

/// <summary>Why the panel disagrees on a dimension.</summary>
public enum DisagreementReason
{
    /// <summary>The highest and lowest scores are <see cref="DimensionSummary.DisagreementSpread"/> or more apart.</summary>
    ScoreSpread,

    /// <summary>Someone recommending Hire and someone recommending No Hire both scored it.</summary>
    HireAndNoHire,
}

/// <summary>One template dimension across the panel: the spread of scores, each interviewer's score and evidence, and disagreement.</summary>
public sealed record DimensionSummary(
    string DimensionId,
    string Name,
    double? Mean,
    int? Min,
    int? Max,
    IReadOnlyList<DimensionEntry> Entries,
    int NotAssessedCount,
    IReadOnlyList<DisagreementReason> Disagreements)
{
    /// <summary>Scores this far apart, or further, are a disagreement.</summary>
    public const int DisagreementSpread = 2;

    public int ScoredCount => Entries.Count(e => e.Score is not null);

    public bool HasDisagreement => Disagreements.Count > 0;

    /// <summary>The mean as people read it, to one decimal; every view shows this number.</summary>
    public double? DisplayMean => Mean is { } mean ? RoundForDisplay(mean) : null;

    public static double RoundForDisplay(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// One interviewer's rating of a dimension: a score, or null when they marked it not assessed. <see cref="Excerpt"/>
/// is the evidence shortened for a card; <see cref="Evidence"/> is what they wrote.
/// </summary>
public sealed record DimensionEntry(Panelist Panelist, int? Score, string Evidence, string Excerpt, CalibrationHint? Calibration)
{
    public bool NotAssessed => Score is null;
}

/// <summary>Why no interview produced a score for a dimension.</summary>
public enum CoverageGapReason
{
    /// <summary>No interview that took place had it in focus.</summary>
    NotInAnyFocus,

    /// <summary>Every submitted scorecard that had it in focus marked it not assessed.</summary>
    MarkedNotAssessed,

    /// <summary>Only interviews whose scorecards are still missing had it in focus.</summary>
    AwaitingScorecards,
}

/// <summary>A template dimension with no score from any submitted scorecard.</summary>
public sealed record CoverageGap(string DimensionId, string Name, CoverageGapReason Reason, int NotAssessedCount, int AwaitingCount);

/// <summary>A signal ticked by at least one interviewer, and who ticked it.</summary>
public sealed record SignalTally(string SignalId, SignalKind Kind, string Text, IReadOnlyList<Panelist> By);

/// <summary>A red flag and every interviewer who raised it, each with the evidence from their scorecard.</summary>
public sealed record RedFlag(string SignalId, string Text, IReadOnlyList<RedFlagReport> Reports);

/// <summary>One interviewer's raising of a red flag, with the evidence they wrote on that scorecard.</summary>
public sealed record RedFlagReport(Panelist RaisedBy, IReadOnlyList<EvidenceExcerpt> Evidence);

/// <summary>Evidence for one dimension, shortened.</summary>
public sealed record EvidenceExcerpt(string DimensionId, string DimensionName, int? Score, string Excerpt);

/// <summary>An interview that did not take place, and why.</summary>
public sealed record NotHeldInterview(Panelist Panelist, NotHeldReason Reason);

/// <summary>
/// A scorecard submitted or changed after the debrief was posted. <see cref="PostedVersion"/> is null when the
/// posted debrief did not include it at all.
/// </summary>
public sealed record ChangedScorecard(Panelist Panelist, int? PostedVersion, int CurrentVersion, DateTimeOffset ChangedAt);
