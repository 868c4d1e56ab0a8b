namespace InterviewBot.Storage.Hiring;

/// <summary>
/// Table and key layout. A candidate's whole story (candidate, loops, interviews, scorecards, deliveries) is one
/// partition of <see cref="CandidatesTable"/>: writes within it are atomic batches and erasure is one partition.
/// Lookup rows point from a loop or interview id to its candidate; the interviewer index answers "my scorecards";
/// the due index, partitioned by hour, lets the sweep read only what is due.
/// </summary>
internal static class HiringKeys
{
    public const string CandidatesTable = "Candidates";
    public const string LookupTable = "Lookup";
    public const string InterviewerIndexTable = "InterviewerIndex";
    public const string DueTable = "Due";
    public const string Candidate = "candidate";
    public const string LookupRow = "-";

    public static string Loop(string loopId) => "loop|" + loopId;

    public static string Interview(string interviewId) => "interview|" + interviewId;

    public static string Scorecard(string interviewId) => "scorecard|" + interviewId;

    public static string Delivery(string interviewId) => "delivery|" + interviewId;

    public static string FollowUp(string interviewId) => "followup|" + interviewId;

    public static string Debrief(string loopId) => "debrief|" + loopId;

    /// <summary>An earlier submitted version of a scorecard, kept when it is changed: after a debrief, every change stays on record.</summary>
    public static string ScorecardVersion(string interviewId, int version) =>
        "scorecardv|" + interviewId + "|" + version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Per-interviewer and everyone's score tallies, for the debrief's calibration hints.</summary>
    public const string CalibrationTable = "Calibration";
    public const string CalibrationPartition = "calibration";
    public const string CalibrationEveryone = "*";

    /// <summary>A requisition's hiring channel, shared by all its loops.</summary>
    public const string RequisitionsTable = "Requisitions";

    public static string Requisition(string requisitionId) => requisitionId.Trim().ToUpperInvariant();

    public const string ManagerIndexTable = "ManagerIndex";

    public static string InterviewerPartition(string aadObjectId) => aadObjectId.ToUpperInvariant();

    public static string DueBucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);

    public static string DueRow(DateTimeOffset at, string kind, string id) =>
        at.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "|" + kind + "|" + id;
}
