using InterviewBot.Domain.Reminders;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class WorkingHoursTests
{
    private static readonly WorkingHours Hours = WorkingHours.Default;

    private static readonly WorkingHours EveryDayFromHalfPastTwo = new(
        new TimeOnly(2, 30), new TimeOnly(18, 0), Enum.GetValues<DayOfWeek>());

    [Fact]
    public void NextWorkingTime_InsideWorkingHours_IsUnchanged()
    {
        var at = At("2026-06-09T10:15:30+02:00");

        var next = Hours.NextWorkingTime(at, Berlin);

        Assert.Equal(at, next);
        Assert.Equal(TimeSpan.FromHours(2), next.Offset);
    }

    [Fact]
    public void NextWorkingTime_InsideWorkingHoursGivenInUtc_IsTheSameInstantOnTheLocalClock()
    {
        var next = Hours.NextWorkingTime(At("2026-06-09T08:15Z"), Berlin);

        Assert.Equal("2026-06-09T10:15+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_ExactlyAtStart_IsUnchanged()
    {
        var next = Hours.NextWorkingTime(At("2026-06-09T09:00+02:00"), Berlin);

        Assert.Equal("2026-06-09T09:00+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_EarlyMorning_IsThatMorningsStart()
    {
        var next = Hours.NextWorkingTime(At("2026-06-09T07:00+02:00"), Berlin);

        Assert.Equal("2026-06-09T09:00+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_ExactlyAtEnd_IsTheNextMorning()
    {
        // The end is exclusive: 18:00 is already evening.
        var next = Hours.NextWorkingTime(At("2026-06-09T18:00+02:00"), Berlin);

        Assert.Equal("2026-06-10T09:00+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_LastMinuteOfTheDay_IsUnchanged()
    {
        var next = Hours.NextWorkingTime(At("2026-06-09T17:59+02:00"), Berlin);

        Assert.Equal("2026-06-09T17:59+02:00", Local(next));
    }

    [Theory]
    [InlineData("2026-06-12T19:30+02:00")] // Friday evening
    [InlineData("2026-06-13T11:00+02:00")] // Saturday
    [InlineData("2026-06-14T23:59+02:00")] // Sunday night
    public void NextWorkingTime_FridayEveningOrWeekend_IsMonday0900(string at)
    {
        var next = Hours.NextWorkingTime(At(at), Berlin);

        Assert.Equal("2026-06-15T09:00+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_WorkingHoursInTheInterviewersZone_NotUtc()
    {
        // 10:00 in Berlin is 01:00 in Los Angeles: the Californian interviewer is asleep.
        var next = Hours.NextWorkingTime(At("2026-06-09T10:00+02:00"), LosAngeles);

        Assert.Equal("2026-06-09T09:00-07:00", Local(next));
    }

    [Theory]
    // Berlin springs forward on Sunday 2026-03-29: Monday morning is CEST.
    [InlineData("Europe/Berlin", "2026-03-27T19:30+01:00", "2026-03-30T09:00+02:00")]
    [InlineData("Europe/Berlin", "2026-03-29T01:30+01:00", "2026-03-30T09:00+02:00")]
    [InlineData("Europe/Berlin", "2026-03-29T03:30+02:00", "2026-03-30T09:00+02:00")]
    // Berlin falls back on Sunday 2026-10-25: Monday morning is CET.
    [InlineData("Europe/Berlin", "2026-10-23T19:30+02:00", "2026-10-26T09:00+01:00")]
    [InlineData("Europe/Berlin", "2026-10-25T02:30+02:00", "2026-10-26T09:00+01:00")]
    [InlineData("Europe/Berlin", "2026-10-25T02:30+01:00", "2026-10-26T09:00+01:00")]
    // Los Angeles springs forward on Sunday 2026-03-08 and falls back on Sunday 2026-11-01.
    [InlineData("America/Los_Angeles", "2026-03-06T19:30-08:00", "2026-03-09T09:00-07:00")]
    [InlineData("America/Los_Angeles", "2026-03-08T12:00-07:00", "2026-03-09T09:00-07:00")]
    [InlineData("America/Los_Angeles", "2026-10-30T19:30-07:00", "2026-11-02T09:00-08:00")]
    [InlineData("America/Los_Angeles", "2026-11-01T01:30-08:00", "2026-11-02T09:00-08:00")]
    public void NextWorkingTime_AcrossADaylightSavingChange_IsMonday0900WithTheNewOffset(string zone, string at, string expected)
    {
        var next = Hours.NextWorkingTime(At(at), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(expected, Local(next));
    }

    [Fact]
    public void NextWorkingTime_StartSkippedBySpringForward_IsTheFirstMinuteAfterTheGap()
    {
        // 02:30 does not exist in Berlin on 2026-03-29; the clock jumps from 02:00 to 03:00.
        var next = EveryDayFromHalfPastTwo.NextWorkingTime(At("2026-03-28T20:00+01:00"), Berlin);

        Assert.Equal("2026-03-29T03:00+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_StartRepeatedByFallBack_IsTheFirstOccurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25; the day starts the first time.
        var next = EveryDayFromHalfPastTwo.NextWorkingTime(At("2026-10-24T20:00+02:00"), Berlin);

        Assert.Equal("2026-10-25T02:30+02:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_SundayToThursdayWeek_MovesFridayToSunday()
    {
        var sundayToThursday = WorkingHours.Default with
        {
            Days = [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday],
        };

        var next = sundayToThursday.NextWorkingTime(At("2026-06-12T10:00+03:00"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));

        Assert.Equal("2026-06-14T09:00+03:00", Local(next));
    }

    [Fact]
    public void NextWorkingTime_NoWorkingDays_Throws()
    {
        var never = WorkingHours.Default with { Days = [] };

        Assert.Throws<InvalidOperationException>(() => never.NextWorkingTime(At("2026-06-09T10:00+02:00"), Berlin));
    }

    [Theory]
    [InlineData("2026-06-09T08:59+02:00", false)]
    [InlineData("2026-06-09T09:00+02:00", true)]
    [InlineData("2026-06-09T17:59+02:00", true)]
    [InlineData("2026-06-09T18:00+02:00", false)]
    [InlineData("2026-06-13T10:00+02:00", false)]
    public void Contains_AroundTheBoundaries_IncludesStartAndExcludesEnd(string at, bool expected)
    {
        Assert.Equal(expected, Hours.Contains(At(at), Berlin));
    }

    [Theory]
    [InlineData("2026-06-09T07:30+02:00", "2026-06-09T09:00+02:00")] // before work: this morning
    [InlineData("2026-06-09T09:00+02:00", "2026-06-10T09:00+02:00")] // the morning has started: tomorrow
    [InlineData("2026-06-09T14:00+02:00", "2026-06-10T09:00+02:00")]
    [InlineData("2026-06-12T19:00+02:00", "2026-06-15T09:00+02:00")] // Friday evening: Monday
    public void NextWorkingMorning_FromDifferentTimes_IsTheNextStartOfAWorkingDay(string at, string expected)
    {
        Assert.Equal(expected, Local(Hours.NextWorkingMorning(At(at), Berlin)));
    }

    [Fact]
    public void NextWorkingMorning_OnlyWorkingDayIsToday_IsAWeekLater()
    {
        var tuesdays = WorkingHours.Default with { Days = [DayOfWeek.Tuesday] };

        var next = tuesdays.NextWorkingMorning(At("2026-06-09T10:00+02:00"), Berlin);

        Assert.Equal("2026-06-16T09:00+02:00", Local(next));
    }

    [Fact]
    public void Equals_SameDaysInAnotherOrder_IsEqual()
    {
        var reordered = WorkingHours.Default with
        {
            Days = [DayOfWeek.Friday, DayOfWeek.Thursday, DayOfWeek.Wednesday, DayOfWeek.Tuesday, DayOfWeek.Monday],
        };

        Assert.Equal(WorkingHours.Default, reordered);
        Assert.Equal(WorkingHours.Default.GetHashCode(), reordered.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentDays_IsNotEqual()
    {
        var sixDays = WorkingHours.Default with
        {
            Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
        };

        Assert.NotEqual(WorkingHours.Default, sixDays);
    }
}
