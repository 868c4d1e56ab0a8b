using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Reminders;

/// <summary>Why the <c>remind</c> command passed over an interviewer.</summary>
public enum NudgeSkipReason
{
    /// <summary>Their scorecard is submitted.</summary>
    Submitted,

    /// <summary>Their interview has not ended.</summary>
    InterviewNotOver,

    /// <summary>They said the interview did not happen.</summary>
    InterviewNotHeld,

    /// <summary>They were reminded within the cooldown.</summary>
    RemindedRecently,
}

/// <summary>What the <c>remind</c> command does for one interview of the loop.</summary>
public abstract record NudgeDecision(Interview Interview)
{
    /// <summary>Remind the interviewer at <paramref name="At"/>: now, or the start of their next working hours.</summary>
    public sealed record Remind(Interview Interview, DateTimeOffset At) : NudgeDecision(Interview);

    /// <summary>Leave the interviewer alone, for <paramref name="Reason"/>.</summary>
    public sealed record Skip(Interview Interview, NudgeSkipReason Reason) : NudgeDecision(Interview);
}

/// <summary>Decides whom the hiring manager's or recruiter's <c>remind &lt;candidate&gt;</c> command reaches.</summary>
public static class NudgePolicy
{
    /// <summary>
    /// One decision per interview, in the order given. Someone who asks explicitly overrides the interviewer's
    /// snooze, but not the cooldown and not their working hours.
    /// </summary>
    public static IReadOnlyList<NudgeDecision> Decide(IEnumerable<ReminderState> interviews, ReminderSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        ArgumentNullException.ThrowIfNull(settings);
        return interviews.Select(state => Decide(state, settings, now)).ToList();
    }

    private static NudgeDecision Decide(ReminderState state, ReminderSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var interview = state.Interview;
        if (state.Submitted)
        {
            return new NudgeDecision.Skip(interview, NudgeSkipReason.Submitted);
        }

        if (state.NotHeld is not null)
        {
            return new NudgeDecision.Skip(interview, NudgeSkipReason.InterviewNotHeld);
        }

        if (!interview.HasEnded(now))
        {
            return new NudgeDecision.Skip(interview, NudgeSkipReason.InterviewNotOver);
        }

        if (state.LastRemindedAt is { } last && now < last + settings.Cooldown)
        {
            return new NudgeDecision.Skip(interview, NudgeSkipReason.RemindedRecently);
        }

        return new NudgeDecision.Remind(interview, settings.WorkingHours.NextWorkingTime(now, state.InterviewerZone));
    }
}
