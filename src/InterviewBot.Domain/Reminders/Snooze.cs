namespace InterviewBot.Domain.Reminders;

/// <summary>The snooze choices on the reminder card.</summary>
public enum SnoozeOption
{
    /// <summary>For <see cref="ReminderSettings.ShortSnooze"/> (two hours by default).</summary>
    Short,

    /// <summary>Until the start of the interviewer's next working day.</summary>
    NextWorkingMorning,
}

/// <summary>Turns a snooze choice into the moment reminders may resume.</summary>
public static class Snooze
{
    /// <summary>When reminders resume, inside the interviewer's working hours so the card can tell them the exact time.</summary>
    public static DateTimeOffset For(SnoozeOption option, DateTimeOffset now, TimeZoneInfo zone, ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(settings);
        var hours = settings.WorkingHours;
        return option switch
        {
            SnoozeOption.Short => hours.NextWorkingTime(ZoneClock.Add(now, settings.ShortSnooze, zone), zone),
            SnoozeOption.NextWorkingMorning => hours.NextWorkingMorning(now, zone),
            _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Unknown snooze option."),
        };
    }
}
