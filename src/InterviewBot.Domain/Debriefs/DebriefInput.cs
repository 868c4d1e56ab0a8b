using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Debriefs;

/// <summary>
/// Everything a debrief is computed from. <see cref="Scorecards"/> may hold any status: only submitted ones count,
/// drafts are left out entirely. <see cref="NotHeld"/> is keyed by interview id.
/// </summary>
public sealed record DebriefInput(
    ScorecardTemplate Template,
    Candidate Candidate,
    HiringLoop Loop,
    IReadOnlyList<Interview> Interviews,
    IReadOnlyList<Scorecard> Scorecards,
    IReadOnlyDictionary<string, NotHeldReason> NotHeld,
    CalibrationHistory History,
    DebriefPosting? LastPosting,
    DateTimeOffset Now);

/// <summary>A debrief that was posted: when, whether it was partial, and which scorecard version of each interview it showed.</summary>
public sealed record DebriefPosting(DateTimeOffset PostedAt, bool Partial, IReadOnlyDictionary<string, int> ScorecardVersions);
