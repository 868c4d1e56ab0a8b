using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Reminders;

/// <summary>Why an interviewer said their interview did not take place.</summary>
public enum NotHeldReason
{
    /// <summary>The candidate did not turn up.</summary>
    NoShow,

    /// <summary>The interview was called off.</summary>
    Cancelled,

    /// <summary>The interview moved to another time; the new slot is a new interview.</summary>
    Rescheduled,
}

/// <summary>Everything about one interview that decides whether its interviewer may be reminded now.</summary>
public sealed record ReminderState(
    Interview Interview,
    TimeZoneInfo InterviewerZone,
    bool Submitted,
    NotHeldReason? NotHeld,
    DateTimeOffset? SnoozedUntil,
    DateTimeOffset? LastRemindedAt)
{
    /// <summary>An interview with no scorecard submitted, no snooze and no reminder sent yet.</summary>
    public static ReminderState Open(Interview interview, TimeZoneInfo interviewerZone) =>
        new(interview, interviewerZone, false, null, null, null);
}
