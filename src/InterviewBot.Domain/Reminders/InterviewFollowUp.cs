namespace InterviewBot.Domain.Reminders;

/// <summary>Where one planned reminder stands.</summary>
public enum ReminderStatus
{
    Pending,

    /// <summary>Claimed by a worker that is sending it now.</summary>
    Sending,
    Sent,
    Cancelled,
}

/// <summary>One reminder of an interview, kept under its natural key so that it exists, and is sent, once.</summary>
public sealed record ReminderEntry(
    string Key,
    ReminderKind Kind,
    int Sequence,
    DateTimeOffset DueAt,
    ReminderStatus Status,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? SentAt,
    int Attempts)
{
    public PlannedReminder Planned => new(Kind, Sequence, DueAt);

    public static ReminderEntry From(PlannedReminder planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return new(planned.Key, planned.Kind, planned.Sequence, planned.DueAt, ReminderStatus.Pending, null, null, 0);
    }
}

/// <summary>
/// Everything that chases one interview's feedback: its planned reminders and what the interviewer said
/// (snoozed, or the interview did not happen). One stored row per interview, changed only with its ETag.
/// </summary>
public sealed record InterviewFollowUp(
    string InterviewId,
    string CandidateId,
    NotHeldReason? NotHeld,
    DateTimeOffset? NotHeldAt,
    DateTimeOffset? SnoozedUntil,
    DateTimeOffset? LastRemindedAt,
    IReadOnlyList<ReminderEntry> Reminders)
{
    /// <summary>A worker that claimed a reminder and vanished is presumed dead after this long.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public static InterviewFollowUp Plan(string interviewId, string candidateId, IEnumerable<PlannedReminder> reminders) =>
        new(interviewId, candidateId, null, null, null, null, [.. reminders.Select(ReminderEntry.From)]);

    /// <summary>
    /// Takes a new plan after the interview moved, keeping history: reminders already sent stay as they were (so
    /// nobody is nudged twice), requested ones stay, and the snooze and last reminder still count.
    /// </summary>
    public InterviewFollowUp Replan(IEnumerable<PlannedReminder> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Cancelled ones come back: they were cancelled for the old situation (for example "did not happen"), and
        // the policy cancels them again at send time if that still holds.
        var done = Reminders.Where(r => r.Status == ReminderStatus.Sent || (r.Kind == ReminderKind.Requested && r.Status != ReminderStatus.Cancelled)).ToList();
        var fresh = plan.Where(p => done.All(d => d.Key != p.Key)).Select(ReminderEntry.From);
        return this with { Reminders = [.. done, .. fresh] };
    }

    /// <summary>When the next reminder wants attention: the earliest pending one, or a claim that has timed out.</summary>
    public DateTimeOffset? NextDue() =>
        Reminders
            .Where(r => r.Status == ReminderStatus.Pending || r.Status == ReminderStatus.Sending)
            .Select(r => r.Status == ReminderStatus.Sending ? (r.ClaimedAt ?? r.DueAt) + ClaimTimeout : r.DueAt)
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();

    /// <summary>Reminders a worker may take now: due and pending, or claimed by a worker that has not finished in time.</summary>
    public IEnumerable<ReminderEntry> Claimable(DateTimeOffset now) =>
        Reminders.Where(r =>
            (r.Status == ReminderStatus.Pending && r.DueAt <= now)
            || (r.Status == ReminderStatus.Sending && (r.ClaimedAt is null || now - r.ClaimedAt.Value >= ClaimTimeout)))
            .OrderBy(r => r.DueAt);

    public InterviewFollowUp Claim(string key, DateTimeOffset now) =>
        With(key, r => r with { Status = ReminderStatus.Sending, ClaimedAt = now, Attempts = r.Attempts + 1 });

    public InterviewFollowUp MarkSent(string key, DateTimeOffset now)
    {
        var entry = Reminders.First(r => r.Key == key);
        var updated = With(key, r => r with { Status = ReminderStatus.Sent, SentAt = now, ClaimedAt = null });
        return entry.Planned.IsForInterviewer ? updated with { LastRemindedAt = now } : updated;
    }

    /// <summary>Releases a claim after a failed send; the reminder is tried again at <paramref name="retryAt"/>.</summary>
    public InterviewFollowUp Release(string key, DateTimeOffset retryAt) =>
        With(key, r => r with { Status = ReminderStatus.Pending, ClaimedAt = null, DueAt = retryAt });

    public InterviewFollowUp Postpone(string key, DateTimeOffset until) =>
        With(key, r => r with { Status = ReminderStatus.Pending, ClaimedAt = null, DueAt = until });

    public InterviewFollowUp Cancel(string key) =>
        With(key, r => r with { Status = ReminderStatus.Cancelled, ClaimedAt = null });

    /// <summary>Adds a reminder that someone asked for (the <c>remind</c> command); its key says when it was asked.</summary>
    public InterviewFollowUp AddRequested(DateTimeOffset at)
    {
        // Two people asking over a weekend still mean one reminder on Monday morning.
        if (Reminders.Any(r => r.Kind == ReminderKind.Requested && r.Status is ReminderStatus.Pending or ReminderStatus.Sending))
        {
            return this;
        }

        var sequence = Reminders.Count(r => r.Kind == ReminderKind.Requested) + 1;
        var planned = new PlannedReminder(ReminderKind.Requested, sequence, at);
        return this with { Reminders = [.. Reminders, ReminderEntry.From(planned)] };
    }

    public InterviewFollowUp SnoozeUntil(DateTimeOffset until) => this with { SnoozedUntil = until };

    /// <summary>The interview did not take place: nothing more is chased for it.</summary>
    public InterviewFollowUp MarkNotHeld(NotHeldReason reason, DateTimeOffset now) => this with
    {
        NotHeld = reason,
        NotHeldAt = now,
        Reminders = [.. Reminders.Select(r => r.Status == ReminderStatus.Pending ? r with { Status = ReminderStatus.Cancelled } : r)],
    };

    /// <summary>
    /// Teams will not deliver to the interviewer (they removed or blocked the app): their reminders stop, since
    /// each would fail the same way. The escalation stays, so the hiring managers still hear the feedback is late.
    /// </summary>
    public InterviewFollowUp StopChasingInterviewer() => this with
    {
        Reminders = [.. Reminders.Select(r => r.Planned.IsForInterviewer && r.Status is ReminderStatus.Pending or ReminderStatus.Sending
            ? r with { Status = ReminderStatus.Cancelled, ClaimedAt = null }
            : r)],
    };

    private InterviewFollowUp With(string key, Func<ReminderEntry, ReminderEntry> change) =>
        this with { Reminders = [.. Reminders.Select(r => r.Key == key ? change(r) : r)] };
}
