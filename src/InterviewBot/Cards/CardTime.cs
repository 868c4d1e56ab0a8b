using System.Globalization;
using InterviewBot.Domain.Reminders;

namespace InterviewBot.Cards;

/// <summary>Formats times for people, in their own Teams time zone when the bot has learned it.</summary>
internal static class CardTime
{
    public static string Format(DateTimeOffset at, string? timeZone)
    {
        var zone = Find(timeZone);
        var local = zone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, zone);
        var label = zone is null ? "UTC" : zone.Id;
        return local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + label;
    }

    public static string Range(DateTimeOffset start, DateTimeOffset end, string? timeZone)
    {
        var zone = Find(timeZone);
        var localEnd = zone is null ? end.ToUniversalTime() : TimeZoneInfo.ConvertTime(end, zone);
        return Format(start, timeZone).Replace(" " + (zone?.Id ?? "UTC"), string.Empty, StringComparison.Ordinal)
            + "–" + localEnd.ToString("HH:mm", CultureInfo.InvariantCulture) + " " + (zone?.Id ?? "UTC");
    }

    // Time zone ids come from the client; ZoneResolver vets them before the system looks them up.
    private static TimeZoneInfo? Find(string? timeZone)
    {
        var zone = ZoneResolver.Find(timeZone);
        return zone == TimeZoneInfo.Utc ? null : zone;
    }
}
