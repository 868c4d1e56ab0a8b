namespace InterviewBot.Domain.Reminders;

/// <summary>Why a reminder that is not sent now will be looked at again later.</summary>
public enum PostponeReason
{
    /// <summary>Its time has not come.</summary>
    NotDueYet,

    /// <summary>The interview has not ended, for example because it was moved later.</summary>
    InterviewNotOver,

    /// <summary>The interviewer snoozed their reminders.</summary>
    Snoozed,

    /// <summary>The interviewer was reminded within the cooldown.</summary>
    RemindedRecently,

    /// <summary>It is outside the recipient's working hours, for example because the sweep ran late.</summary>
    OutsideWorkingHours,
}

/// <summary>Why a reminder will never be sent.</summary>
public enum CancelReason
{
    /// <summary>The scorecard is submitted.</summary>
    Submitted,

    /// <summary>The interviewer said the interview did not happen.</summary>
    InterviewNotHeld,
}

/// <summary>What to do with a planned reminder at a given moment.</summary>
public abstract record ReminderDecision
{
    /// <summary>Send it now.</summary>
    public sealed record Send : ReminderDecision;

    /// <summary>Keep it and look again at <paramref name="Until"/>, which is inside the recipient's working hours.</summary>
    public sealed record Postpone(DateTimeOffset Until, PostponeReason Reason) : ReminderDecision;

    /// <summary>Drop it: nothing is left to chase.</summary>
    public sealed record Cancel(CancelReason Reason) : ReminderDecision;
}
