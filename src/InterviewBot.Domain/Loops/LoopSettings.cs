using System.Globalization;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Domain.Loops;

/// <summary>How a requisition wants its feedback chased, as an ATS sends it: every field optional, in hours.</summary>
public sealed record ReminderSettingsRequest(
    double? FirstNudgeAfterHours,
    double? OverdueIntervalHours,
    int? MaxOverdueReminders,
    double? EscalationAfterDueHours,
    double? CooldownHours,
    double? SnoozeHours,
    WorkingHoursRequest? WorkingHours);

/// <summary>Working hours in a request: "09:00", "18:00" and day names.</summary>
public sealed record WorkingHoursRequest(string? Start, string? End, IReadOnlyList<string?>? Days);

/// <summary>How a requisition wants its debrief handled, as an ATS sends it.</summary>
public sealed record DebriefSettingsRequest(bool? LockOnPost, bool? AutoPost);

/// <summary>
/// The reminder values one requisition sets differently from the installation; the rest follow the installation's
/// settings, including later changes to them.
/// </summary>
public sealed record ReminderOverrides(
    TimeSpan? FirstNudgeAfterEnd = null,
    TimeSpan? OverdueInterval = null,
    int? MaxOverdueReminders = null,
    TimeSpan? EscalationAfterDue = null,
    TimeSpan? Cooldown = null,
    TimeSpan? ShortSnooze = null,
    WorkingHours? WorkingHours = null)
{
    public static ReminderOverrides None { get; } = new();

    public bool IsEmpty => this == None;

    public ReminderSettings ApplyTo(ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            FirstNudgeAfterEnd = FirstNudgeAfterEnd ?? settings.FirstNudgeAfterEnd,
            OverdueInterval = OverdueInterval ?? settings.OverdueInterval,
            MaxOverdueReminders = MaxOverdueReminders ?? settings.MaxOverdueReminders,
            EscalationAfterDue = EscalationAfterDue ?? settings.EscalationAfterDue,
            Cooldown = Cooldown ?? settings.Cooldown,
            ShortSnooze = ShortSnooze ?? settings.ShortSnooze,
            WorkingHours = WorkingHours ?? settings.WorkingHours,
        };
    }
}

/// <summary>What happens around a requisition's debrief: scorecards lock when a full debrief is posted; no automatic post.</summary>
public sealed record DebriefSettings(bool LockOnPost = true, bool AutoPost = false)
{
    public static DebriefSettings Default { get; } = new();
}

/// <summary>Reads the per-requisition parts of a loop request into domain settings, naming each bad field.</summary>
public static class LoopSettingsReader
{
    /// <summary>No reminder setting reaches further than a month: anything longer is a unit mistake.</summary>
    public const double MaxHours = 24 * 30;

    public static ReminderOverrides Reminders(ReminderSettingsRequest? request, ReminderSettings installation, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(errors);
        if (request is null)
        {
            return ReminderOverrides.None;
        }

        var before = errors.Count;
        var overrides = new ReminderOverrides(
            ReadHours(request.FirstNudgeAfterHours, "reminders.firstNudgeAfterHours", errors),
            ReadHours(request.OverdueIntervalHours, "reminders.overdueIntervalHours", errors),
            request.MaxOverdueReminders,
            ReadHours(request.EscalationAfterDueHours, "reminders.escalationAfterDueHours", errors),
            ReadHours(request.CooldownHours, "reminders.cooldownHours", errors),
            ReadHours(request.SnoozeHours, "reminders.snoozeHours", errors),
            ReadWorkingHours(request.WorkingHours, errors));
        if (errors.Count > before)
        {
            return ReminderOverrides.None;
        }

        // The combination is checked as it will be used, so a requisition cannot pair a valid value with an installation
        // default into something unusable.
        foreach (var error in overrides.ApplyTo(installation).Validate())
        {
            errors.Add(new FieldError("reminders." + RequestName(error.Field), error.Message));
        }

        return errors.Count > before ? ReminderOverrides.None : overrides;
    }

    public static DebriefSettings Debrief(DebriefSettingsRequest? request) =>
        request is null
            ? DebriefSettings.Default
            : new DebriefSettings(request.LockOnPost ?? DebriefSettings.Default.LockOnPost, request.AutoPost ?? DebriefSettings.Default.AutoPost);

    private static TimeSpan? ReadHours(double? hours, string path, List<FieldError> errors)
    {
        if (hours is not { } value)
        {
            return null;
        }

        if (!double.IsFinite(value) || value < 0 || value > MaxHours)
        {
            errors.Add(new FieldError(path, $"Give a number of hours from 0 to {MaxHours:0}."));
            return null;
        }

        return TimeSpan.FromMinutes(Math.Round(value * 60));
    }

    private static WorkingHours? ReadWorkingHours(WorkingHoursRequest? request, List<FieldError> errors)
    {
        if (request is null)
        {
            return null;
        }

        var before = errors.Count;
        var start = ReadTime(request.Start, "reminders.workingHours.start", WorkingHours.Default.Start, errors);
        var end = ReadTime(request.End, "reminders.workingHours.end", WorkingHours.Default.End, errors);
        var days = new List<DayOfWeek>();
        if (request.Days is null)
        {
            days.AddRange(WorkingHours.Default.Days);
        }
        else
        {
            for (var i = 0; i < request.Days.Count; i++)
            {
                var name = request.Days[i]?.Trim();
                if (string.IsNullOrEmpty(name) || int.TryParse(name, out _) || !Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day))
                {
                    errors.Add(new FieldError($"reminders.workingHours.days[{i}]", "Use a day name such as \"Monday\"."));
                }
                else if (!days.Contains(day))
                {
                    days.Add(day);
                }
            }
        }

        return errors.Count > before ? null : new WorkingHours(start, end, days);
    }

    private static TimeOnly ReadTime(string? value, string path, TimeOnly fallback, List<FieldError> errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(new FieldError(path, "Use a 24-hour time such as \"09:00\"."));
        return fallback;
    }

    private static string RequestName(string field) => field switch
    {
        "firstNudgeAfterEnd" => "firstNudgeAfterHours",
        "overdueInterval" => "overdueIntervalHours",
        "escalationAfterDue" => "escalationAfterDueHours",
        "cooldown" => "cooldownHours",
        "shortSnooze" => "snoozeHours",
        _ => field,
    };
}
