namespace InterviewBot.Domain.Reminders;

/// <summary>Turns the time zone id Teams reports for a user (IANA, such as "Europe/Berlin") into a zone, falling back to UTC.</summary>
public static class ZoneResolver
{
    private const int MaxIdLength = 64;

    /// <summary>The zone named <paramref name="id"/>, or UTC when the id is missing, unknown or not a plausible zone name.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        var trimmed = id.Trim();
        if (!IsPlausible(trimmed))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    // The id comes from the client and on Linux names a file under the zoneinfo folder: only zone-name
    // characters get as far as the lookup, never a path of our choosing.
    private static bool IsPlausible(string id) =>
        id.Length <= MaxIdLength
        && !id.StartsWith('/')
        && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+' or ' ' or '.');
}
