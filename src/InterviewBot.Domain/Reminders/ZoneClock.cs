namespace InterviewBot.Domain.Reminders;

/// <summary>Wall-clock arithmetic in a time zone, resolving the local times a daylight-saving change skips or repeats.</summary>
internal static class ZoneClock
{
    public static DateTimeOffset ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>The instant a wall clock in <paramref name="zone"/> shows <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset AtLocal(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        // A time skipped by a spring-forward never shows on the clock; the first minute after the gap is the
        // nearest moment that does, and moving later keeps every reminder on or after the time it was planned for.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // A time repeated by a fall-back shows twice; the first occurrence is the one people mean.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// Adds <paramref name="span"/> as people count it: whole days are calendar days in <paramref name="zone"/>, so a
    /// daily reminder keeps its local time across a daylight-saving change; anything else is elapsed time.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset at, TimeSpan span, TimeZoneInfo zone)
    {
        if (span == TimeSpan.Zero || span.Ticks % TimeSpan.TicksPerDay != 0)
        {
            return ToLocal(at + span, zone);
        }

        var local = ToLocal(at, zone).DateTime;
        var days = checked((int)(span.Ticks / TimeSpan.TicksPerDay));
        return AtLocal(DateOnly.FromDateTime(local).AddDays(days), TimeOnly.FromDateTime(local), zone);
    }

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
