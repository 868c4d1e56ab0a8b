namespace InterviewBot.Domain.Reminders;

/// <summary>Why a reminder goes out.</summary>
public enum ReminderKind
{
    /// <summary>A first, gentle reminder to the interviewer soon after the interview ends.</summary>
    Nudge,

    /// <summary>A reminder to the interviewer that feedback is past due.</summary>
    Overdue,

    /// <summary>A message to the hiring managers that the interviewer's feedback is overdue.</summary>
    Escalation,

    /// <summary>A reminder a recruiter or hiring manager asked for with the <c>remind</c> command.</summary>
    Requested,
}

/// <summary>One reminder an interview can get, and the earliest moment it may go out, already inside the recipient's working hours.</summary>
public sealed record PlannedReminder(ReminderKind Kind, int Sequence, DateTimeOffset DueAt)
{
    /// <summary>
    /// The reminder's natural key within its interview, such as <c>overdue-2</c>: storage keeps each reminder once
    /// under it, so planning again never adds a second copy.
    /// </summary>
    public string Key => $"{KindKey(Kind)}-{Sequence}";

    /// <summary>Whether the interviewer receives it; escalations go to the hiring managers.</summary>
    public bool IsForInterviewer => Kind != ReminderKind.Escalation;

    // Spelled out rather than derived from the enum name: keys are stored, and renaming a member must not orphan them.
    private static string KindKey(ReminderKind kind) => kind switch
    {
        ReminderKind.Nudge => "nudge",
        ReminderKind.Overdue => "overdue",
        ReminderKind.Escalation => "escalation",
        ReminderKind.Requested => "requested",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reminder kind."),
    };
}
