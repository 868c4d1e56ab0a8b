using System.Text.Json.Serialization;
using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Domain.Debriefs;

/// <summary>A sum and a count of 1–5 scores, from which a mean follows.</summary>
public sealed record ScoreTally(int Sum, int Count)
{
    public static ScoreTally Empty { get; } = new(0, 0);

    [JsonIgnore]
    public double? Mean => Count == 0 ? null : (double)Sum / Count;

    public ScoreTally Add(int score) => new(Sum + score, Count + 1);

    /// <summary>Takes a score back out; a tally never goes below empty, whatever it is asked to remove.</summary>
    public ScoreTally Remove(int score) => Count <= 1 ? Empty : new(Sum - score, Count - 1);
}

/// <summary>One interviewer's submitted scorecards so far: how many, and their scores per dimension.</summary>
public sealed record InterviewerCalibration(int SubmittedCount, IReadOnlyDictionary<string, ScoreTally> Dimensions);

/// <summary>Which way an interviewer's scores usually lean on a dimension, compared with everyone's.</summary>
public enum CalibrationTendency
{
    /// <summary>Their average on the dimension is well below all interviewers' average.</summary>
    Harsher,

    /// <summary>Their average on the dimension is well above all interviewers' average.</summary>
    MoreLenient,
}

/// <summary>Why a score is marked "usually harsher" or "usually more lenient": the two averages and how much history backs them.</summary>
public sealed record CalibrationHint(CalibrationTendency Tendency, double InterviewerMean, double OverallMean, int InterviewerScorecards);

/// <summary>
/// Every submitted score so far, folded per interviewer and per dimension, for calibration hints. Plain records and
/// dictionaries so that it can be stored as JSON in one row; interviewer keys are Entra object ids in upper case,
/// because Teams and Graph disagree on casing.
/// </summary>
/// <remarks>
/// The fold is pure: <see cref="Add"/>, <see cref="Remove"/> and <see cref="Replace"/> return a new history. The
/// caller folds each scorecard version once, in the same guarded write that records which version was folded, so
/// a resubmission after an unlock replaces the earlier submission instead of counting twice.
/// </remarks>
public sealed record CalibrationHistory(
    IReadOnlyDictionary<string, InterviewerCalibration> Interviewers,
    IReadOnlyDictionary<string, ScoreTally> Dimensions)
{
    /// <summary>Fewer submitted scorecards than this say too little about an interviewer to call them harsh or lenient.</summary>
    public const int MinimumScorecards = 5;

    /// <summary>How far, on the 1–5 scale, an interviewer's average must sit from everyone's to be pointed out.</summary>
    public const double Threshold = 0.75;

    // Averages are ratios of integers; this keeps a distance of exactly 0.75 from falling short by a rounding error.
    private const double Tolerance = 1e-9;

    public static CalibrationHistory Empty { get; } = new(
        new Dictionary<string, InterviewerCalibration>(StringComparer.Ordinal),
        new Dictionary<string, ScoreTally>(StringComparer.Ordinal));

    /// <summary>The key an interviewer is filed under.</summary>
    public static string Key(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return aadObjectId.ToUpperInvariant();
    }

    public InterviewerCalibration? For(string aadObjectId) => Interviewers.GetValueOrDefault(Key(aadObjectId));

    /// <summary>Counts a submitted scorecard; drafts change nothing.</summary>
    public CalibrationHistory Add(Scorecard scorecard) => Fold(scorecard, add: true);

    /// <summary>Takes a submitted scorecard back out; drafts change nothing.</summary>
    public CalibrationHistory Remove(Scorecard scorecard) => Fold(scorecard, add: false);

    /// <summary>
    /// Counts <paramref name="current"/> in place of <paramref name="previous"/>, the version that was counted
    /// before (null when none was): a resubmission moves the averages without adding a scorecard.
    /// </summary>
    public CalibrationHistory Replace(Scorecard? previous, Scorecard current) =>
        (previous is null ? this : Remove(previous)).Add(current);

    /// <summary>
    /// Whether the interviewer usually scores <paramref name="dimensionId"/> harsher or more leniently than everyone:
    /// null unless they have <see cref="MinimumScorecards"/> submitted scorecards, have scored that dimension, and
    /// their average is at least <see cref="Threshold"/> away from all interviewers' average.
    /// </summary>
    public CalibrationHint? HintFor(string aadObjectId, string dimensionId)
    {
        var mine = For(aadObjectId);
        if (mine is null || mine.SubmittedCount < MinimumScorecards
            || mine.Dimensions.GetValueOrDefault(dimensionId)?.Mean is not { } own
            || Dimensions.GetValueOrDefault(dimensionId)?.Mean is not { } overall)
        {
            return null;
        }

        var difference = own - overall;
        if (Math.Abs(difference) + Tolerance < Threshold)
        {
            return null;
        }

        return new CalibrationHint(difference < 0 ? CalibrationTendency.Harsher : CalibrationTendency.MoreLenient, own, overall, mine.SubmittedCount);
    }

    private CalibrationHistory Fold(Scorecard scorecard, bool add)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        if (scorecard.Status != ScorecardStatus.Submitted)
        {
            return this;
        }

        var key = Key(scorecard.InterviewerId);
        var mine = Interviewers.GetValueOrDefault(key) ?? new InterviewerCalibration(0, new Dictionary<string, ScoreTally>(StringComparer.Ordinal));
        var ownDimensions = new Dictionary<string, ScoreTally>(mine.Dimensions, StringComparer.Ordinal);
        var allDimensions = new Dictionary<string, ScoreTally>(Dimensions, StringComparer.Ordinal);
        foreach (var rating in scorecard.Ratings)
        {
            if (rating.Score is { } score)
            {
                Change(ownDimensions, rating.DimensionId, score, add);
                Change(allDimensions, rating.DimensionId, score, add);
            }
        }

        var count = add ? mine.SubmittedCount + 1 : Math.Max(0, mine.SubmittedCount - 1);
        var interviewers = new Dictionary<string, InterviewerCalibration>(Interviewers, StringComparer.Ordinal);
        if (count == 0 && ownDimensions.Count == 0)
        {
            interviewers.Remove(key);
        }
        else
        {
            interviewers[key] = new InterviewerCalibration(count, ownDimensions);
        }

        return new CalibrationHistory(interviewers, allDimensions);
    }

    private static void Change(Dictionary<string, ScoreTally> tallies, string dimensionId, int score, bool add)
    {
        var tally = tallies.GetValueOrDefault(dimensionId) ?? ScoreTally.Empty;
        var changed = add ? tally.Add(score) : tally.Remove(score);
        if (changed.Count == 0)
        {
            tallies.Remove(dimensionId);
        }
        else
        {
            tallies[dimensionId] = changed;
        }
    }
}
