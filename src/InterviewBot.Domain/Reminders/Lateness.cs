namespace InterviewBot.Domain.Reminders;

/// <summary>How late feedback is, in the short words cards use: "45 min", "3 h", "2 days".</summary>
public static class Lateness
{
    /// <summary>How long past <paramref name="due"/> it is at <paramref name="now"/>; zero when not late.</summary>
    public static TimeSpan Of(DateTimeOffset due, DateTimeOffset now) => now > due ? now - due : TimeSpan.Zero;

    /// <summary>
    /// <paramref name="late"/> rounded down to its largest unit, so a card never claims more lateness than
    /// there is: 47 hours is "1 day", not "2 days".
    /// </summary>
    public static string Describe(TimeSpan late) => late switch
    {
        _ when late < TimeSpan.FromMinutes(1) => "under a minute",
        _ when late < TimeSpan.FromHours(1) => $"{(int)late.TotalMinutes} min",
        _ when late < TimeSpan.FromDays(1) => $"{(int)late.TotalHours} h",
        _ when late < TimeSpan.FromDays(2) => "1 day",
        _ => $"{(int)late.TotalDays} days",
    };

    /// <summary>How late feedback due at <paramref name="due"/> is at <paramref name="now"/>, or null when it is not late.</summary>
    public static string? Describe(DateTimeOffset due, DateTimeOffset now) => now > due ? Describe(now - due) : null;
}
