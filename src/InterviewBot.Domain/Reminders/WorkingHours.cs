namespace InterviewBot.Domain.Reminders;

/// <summary>When a person may be reminded: from <see cref="Start"/> to <see cref="End"/> on <see cref="Days"/>, on their own wall clock.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>09:00–18:00, Monday to Friday.</summary>
    public static WorkingHours Default { get; } = new(
        new TimeOnly(9, 0),
        new TimeOnly(18, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    public bool IsWorkingDay(DayOfWeek day) => Days.Contains(day);

    /// <summary>Whether <paramref name="at"/> is inside working hours in <paramref name="zone"/>; the end is exclusive.</summary>
    public bool Contains(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = ZoneClock.ToLocal(at, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return IsWorkingDay(local.DayOfWeek) && time >= Start && time < End;
    }

    /// <summary>
    /// <paramref name="at"/> itself when it is inside working hours, otherwise the start of the next working day;
    /// either way expressed in <paramref name="zone"/>'s offset so it reads as the recipient's local time.
    /// </summary>
    public DateTimeOffset NextWorkingTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Contains(at, zone) ? ZoneClock.ToLocal(at, zone) : FirstStart(at, zone, includeAt: true);
    }

    /// <summary>The start of the first working day that begins after <paramref name="at"/>: "tomorrow morning", skipping days off.</summary>
    public DateTimeOffset NextWorkingMorning(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return FirstStart(at, zone, includeAt: false);
    }

    // Days is a list for easy binding; two settings with the same days in another order are the same settings.
    public bool Equals(WorkingHours? other) =>
        other is not null && Start == other.Start && End == other.End && Days.ToHashSet().SetEquals(other.Days);

    public override int GetHashCode()
    {
        var days = 0;
        foreach (var day in Days)
        {
            days |= 1 << (int)day;
        }

        return HashCode.Combine(Start, End, days);
    }

    private DateTimeOffset FirstStart(DateTimeOffset at, TimeZoneInfo zone, bool includeAt)
    {
        var date = DateOnly.FromDateTime(ZoneClock.ToLocal(at, zone).DateTime);

        // Eight days: today's start may already have passed when the only working day is today's weekday.
        for (var i = 0; i <= 7; i++)
        {
            var day = date.AddDays(i);
            if (!IsWorkingDay(day.DayOfWeek))
            {
                continue;
            }

            var start = ZoneClock.AtLocal(day, Start, zone);
            if (start > at || (includeAt && start == at))
            {
                return start;
            }
        }

        throw new InvalidOperationException("Working hours need at least one working day.");
    }
}
