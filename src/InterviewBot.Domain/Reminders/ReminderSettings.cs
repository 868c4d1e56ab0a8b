using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Domain.Reminders;

/// <summary>How feedback is chased for one requisition; <see cref="Default"/> unless the requisition overrides a value.</summary>
public sealed record ReminderSettings
{
    public const int MaxOverdueRemindersLimit = 10;

    public static ReminderSettings Default { get; } = new();

    /// <summary>How long after the interview ends the interviewer is first nudged, if they have not submitted.</summary>
    public TimeSpan FirstNudgeAfterEnd { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Time between overdue reminders; the first goes out when feedback is due.</summary>
    public TimeSpan OverdueInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How many overdue reminders an interviewer gets at most; zero leaves only the nudge and the escalation.</summary>
    public int MaxOverdueReminders { get; init; } = 3;

    /// <summary>How long after feedback is due the hiring managers hear about it, counted from the first overdue reminder so the interviewer always hears first.</summary>
    public TimeSpan EscalationAfterDue { get; init; } = TimeSpan.FromDays(1);

    /// <summary>No interviewer is reminded twice about one interview within this long, whether on schedule or on demand.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(4);

    /// <summary>The short snooze on the reminder card.</summary>
    public TimeSpan ShortSnooze { get; init; } = TimeSpan.FromHours(2);

    /// <summary>When reminders may reach people, each on their own wall clock.</summary>
    public WorkingHours WorkingHours { get; init; } = WorkingHours.Default;

    /// <summary>Every problem with these settings, keyed by a JSON-style field name; empty when they can be used.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (FirstNudgeAfterEnd < TimeSpan.Zero)
        {
            errors.Add(new FieldError("firstNudgeAfterEnd", "The first nudge cannot come before the interview ends."));
        }

        if (OverdueInterval <= TimeSpan.Zero)
        {
            errors.Add(new FieldError("overdueInterval", "The time between overdue reminders must be positive."));
        }
        else if (OverdueInterval < Cooldown)
        {
            errors.Add(new FieldError("overdueInterval", "The time between overdue reminders must be at least the cooldown, or the cooldown would delay every one."));
        }

        if (MaxOverdueReminders is < 0 or > MaxOverdueRemindersLimit)
        {
            errors.Add(new FieldError("maxOverdueReminders", $"Choose from 0 to {MaxOverdueRemindersLimit} overdue reminders."));
        }

        if (EscalationAfterDue < TimeSpan.Zero)
        {
            errors.Add(new FieldError("escalationAfterDue", "The escalation cannot come before the feedback is due."));
        }

        if (Cooldown < TimeSpan.Zero)
        {
            errors.Add(new FieldError("cooldown", "The cooldown cannot be negative."));
        }

        if (ShortSnooze <= TimeSpan.Zero)
        {
            errors.Add(new FieldError("shortSnooze", "A snooze must last a while."));
        }

        if (WorkingHours is null)
        {
            errors.Add(new FieldError("workingHours", "Working hours are required."));
            return errors;
        }

        if (WorkingHours.End <= WorkingHours.Start)
        {
            // A shift across midnight would need days that start on one date and end on the next; nobody has asked.
            errors.Add(new FieldError("workingHours.end", "The working day must end after it starts, on the same day."));
        }

        if (WorkingHours.Days is null || WorkingHours.Days.Count == 0)
        {
            errors.Add(new FieldError("workingHours.days", "At least one working day is required, or no reminder could ever be sent."));
        }
        else if (WorkingHours.Days.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add(new FieldError("workingHours.days", "Working days must be days of the week."));
        }

        return errors;
    }
}
