using InterviewBot.Domain.Loops;

namespace InterviewBot.Domain.Hiring;

/// <summary>One candidate's set of interviews for a role, and who runs the hiring decision.</summary>
public sealed record HiringLoop(
    string Id,
    string CandidateId,
    string TemplateId,
    IReadOnlyList<Person> Recruiters,
    IReadOnlyList<Person> HiringManagers,
    DateTimeOffset CreatedAt)
{
    /// <summary>The ATS's requisition (the opening being hired for), when one was given; loops of one requisition share a hiring channel.</summary>
    public string? RequisitionId { get; init; }

    /// <summary>Reminder values this requisition sets differently from the installation.</summary>
    public ReminderOverrides Reminders { get; init; } = ReminderOverrides.None;

    /// <summary>Whether posting the debrief locks the scorecards and whether it is posted automatically.</summary>
    public DebriefSettings Debrief { get; init; } = DebriefSettings.Default;
}
