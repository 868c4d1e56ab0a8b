using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Reminders;

/// <summary>When late feedback is chased, and whether a planned reminder may go out at a given moment.</summary>
public static class ReminderPolicy
{
    /// <summary>
    /// Every reminder <paramref name="interview"/> can ever get, in the order they go out: a nudge, the overdue
    /// reminders and one escalation. Each is moved into its recipient's working hours, never dropped; the
    /// escalation uses <paramref name="managerZone"/>, or UTC when the hiring managers' zone is unknown.
    /// </summary>
    public static IReadOnlyList<PlannedReminder> Plan(
        Interview interview, ReminderSettings settings, TimeZoneInfo interviewerZone, TimeZoneInfo? managerZone = null)
    {
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentNullException.ThrowIfNull(interviewerZone);
        EnsureValid(settings);
        managerZone ??= TimeZoneInfo.Utc;
        var hours = settings.WorkingHours;

        var nudge = hours.NextWorkingTime(ZoneClock.Add(interview.End, settings.FirstNudgeAfterEnd, interviewerZone), interviewerZone);
        var plan = new List<PlannedReminder> { new(ReminderKind.Nudge, 1, nudge) };

        // A due time before the end is bad data; nothing is planned before the interview ends.
        var due = ZoneClock.Max(interview.FeedbackDue, interview.End);

        // Each reminder is spaced from the one actually planned before it, not from the nominal schedule: when
        // a weekend pushes one to Monday morning, the next follows a day later instead of piling up on Monday.
        var previous = nudge;
        var next = ZoneClock.Max(due, previous + settings.Cooldown);
        for (var sequence = 1; sequence <= settings.MaxOverdueReminders; sequence++)
        {
            previous = hours.NextWorkingTime(next, interviewerZone);
            plan.Add(new PlannedReminder(ReminderKind.Overdue, sequence, previous));
            next = ZoneClock.Add(previous, settings.OverdueInterval, interviewerZone);
        }

        // Counted from the moment the interviewer is first told feedback is overdue, so that a late first
        // reminder (a weekend, another zone) never lets the manager hear before the interviewer does.
        var toldLate = settings.MaxOverdueReminders > 0 ? plan[1].DueAt : ZoneClock.Max(due, nudge);
        var escalation = hours.NextWorkingTime(ZoneClock.Add(toldLate, settings.EscalationAfterDue, managerZone), managerZone);
        plan.Add(new PlannedReminder(ReminderKind.Escalation, 1, escalation));

        // Stable, so a tie keeps the interviewer's reminder ahead of the escalation it precedes.
        return [.. plan.OrderBy(r => r.DueAt)];
    }

    /// <summary>
    /// Whether <paramref name="reminder"/> goes out at <paramref name="now"/>, waits, or is dropped. Snoozes and
    /// the cooldown hold back only the interviewer's own reminders: the hiring managers still hear that feedback
    /// is late while the interviewer snoozes.
    /// </summary>
    public static ReminderDecision Decide(
        PlannedReminder reminder, ReminderState state, ReminderSettings settings, DateTimeOffset now, TimeZoneInfo? managerZone = null)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if (state.Submitted)
        {
            return new ReminderDecision.Cancel(CancelReason.Submitted);
        }

        if (state.NotHeld is not null)
        {
            return new ReminderDecision.Cancel(CancelReason.InterviewNotHeld);
        }

        var zone = reminder.IsForInterviewer ? state.InterviewerZone : managerZone ?? TimeZoneInfo.Utc;
        var hours = settings.WorkingHours;
        if (!state.Interview.HasEnded(now))
        {
            return new ReminderDecision.Postpone(
                hours.NextWorkingTime(ZoneClock.Max(reminder.DueAt, state.Interview.End), zone), PostponeReason.InterviewNotOver);
        }

        if (now < reminder.DueAt)
        {
            return new ReminderDecision.Postpone(hours.NextWorkingTime(reminder.DueAt, zone), PostponeReason.NotDueYet);
        }

        if (reminder.IsForInterviewer)
        {
            // Someone asking explicitly overrides the interviewer's snooze, but never the cooldown.
            if (reminder.Kind != ReminderKind.Requested && state.SnoozedUntil is { } snoozedUntil && now < snoozedUntil)
            {
                return new ReminderDecision.Postpone(hours.NextWorkingTime(snoozedUntil, zone), PostponeReason.Snoozed);
            }

            if (state.LastRemindedAt is { } last && now < last + settings.Cooldown)
            {
                return new ReminderDecision.Postpone(hours.NextWorkingTime(last + settings.Cooldown, zone), PostponeReason.RemindedRecently);
            }
        }

        // The plan put the reminder inside working hours, but a sweep that runs late (a restart overnight) must
        // not send it at the wrong hour.
        if (!hours.Contains(now, zone))
        {
            return new ReminderDecision.Postpone(hours.NextWorkingTime(now, zone), PostponeReason.OutsideWorkingHours);
        }

        return new ReminderDecision.Send();
    }

    private static void EnsureValid(ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid reminder settings: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(settings));
        }
    }
}
