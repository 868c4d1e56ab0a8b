using System.Globalization;
using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Tests.Reminders;

/// <summary>Time zones and wall-clock times for reminder tests, written the way a person in that zone reads them.</summary>
internal static class Zones
{
    public static TimeZoneInfo Berlin { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static TimeZoneInfo LosAngeles { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>Parses "2026-06-09T11:00+02:00"; the offset says which wall clock the test means.</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>
    /// The local wall time and UTC offset of <paramref name="at"/>, in the format <see cref="At"/> reads, so an
    /// assertion checks the day, the hour and the offset in one readable string.
    /// </summary>
    public static string Local(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>An hour-long interview ending at <paramref name="end"/>, feedback due a day later unless given.</summary>
    public static Interview InterviewEnding(string end, string? feedbackDue = null)
    {
        var endAt = At(end);
        return Build.Interview() with
        {
            Start = endAt.AddHours(-1),
            End = endAt,
            FeedbackDue = feedbackDue is null ? endAt + Interview.DefaultFeedbackWindow : At(feedbackDue),
        };
    }
}
