using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;

namespace InterviewBot.Reminders;

/// <summary>The installation's reminder defaults, bound from the <c>Reminders</c> section and checked at start.</summary>
internal sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public TimeSpan FirstNudgeAfterEnd { get; set; } = ReminderSettings.Default.FirstNudgeAfterEnd;

    public TimeSpan OverdueInterval { get; set; } = ReminderSettings.Default.OverdueInterval;

    public int MaxOverdueReminders { get; set; } = ReminderSettings.Default.MaxOverdueReminders;

    public TimeSpan EscalationAfterDue { get; set; } = ReminderSettings.Default.EscalationAfterDue;

    public TimeSpan Cooldown { get; set; } = ReminderSettings.Default.Cooldown;

    public TimeSpan ShortSnooze { get; set; } = ReminderSettings.Default.ShortSnooze;

    public TimeOnly WorkdayStart { get; set; } = WorkingHours.Default.Start;

    public TimeOnly WorkdayEnd { get; set; } = WorkingHours.Default.End;

    public List<DayOfWeek> WorkingDays { get; set; } = [.. WorkingHours.Default.Days];

    /// <summary>The settings that apply to <paramref name="loop"/>: its requisition's values over the installation's.</summary>
    public ReminderSettings For(HiringLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Reminders.ApplyTo(ToSettings());
    }

    public ReminderSettings ToSettings() => new()
    {
        FirstNudgeAfterEnd = FirstNudgeAfterEnd,
        OverdueInterval = OverdueInterval,
        MaxOverdueReminders = MaxOverdueReminders,
        EscalationAfterDue = EscalationAfterDue,
        Cooldown = Cooldown,
        ShortSnooze = ShortSnooze,
        WorkingHours = new WorkingHours(WorkdayStart, WorkdayEnd, [.. WorkingDays.Distinct()]),
    };
}
