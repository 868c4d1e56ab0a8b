using InterviewBot.Domain.Reminders;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class ReminderPlanTests
{
    private static readonly ReminderSettings Defaults = ReminderSettings.Default;

    [Fact]
    public void Plan_WeekdayInterview_NudgesThenRemindsDailyAndEscalatesADayAfterDue()
    {
        // Tuesday 11:00 in Berlin; feedback due Wednesday 11:00.
        var interview = InterviewEnding("2026-06-09T11:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin, Berlin);

        Assert.Equal(
            [
                "nudge-1 2026-06-09T13:00+02:00",
                "overdue-1 2026-06-10T11:00+02:00",
                "overdue-2 2026-06-11T11:00+02:00",
                "escalation-1 2026-06-11T11:00+02:00",
                "overdue-3 2026-06-12T11:00+02:00",
            ],
            plan.Select(r => $"{r.Key} {Local(r.DueAt)}"));
    }

    [Fact]
    public void Plan_InterviewEndingFridayEvening_NudgeMovesToMonday0900()
    {
        var interview = InterviewEnding("2026-06-12T17:30+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin);

        Assert.Equal("2026-06-15T09:00+02:00", Local(Single(plan, "nudge-1").DueAt));
    }

    [Fact]
    public void Plan_InterviewEndingFridayEvening_OverdueRemindersDoNotPileUpOnMonday()
    {
        // Due Saturday 17:30: the first overdue reminder keeps the cooldown after Monday's nudge, the rest follow daily.
        var interview = InterviewEnding("2026-06-12T17:30+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin);

        Assert.Equal("2026-06-15T13:00+02:00", Local(Single(plan, "overdue-1").DueAt));
        Assert.Equal("2026-06-16T13:00+02:00", Local(Single(plan, "overdue-2").DueAt));
        Assert.Equal("2026-06-17T13:00+02:00", Local(Single(plan, "overdue-3").DueAt));
    }

    [Fact]
    public void Plan_OverdueReminderFallingOnTheWeekend_MovesToMonday0900()
    {
        // Thursday 17:00: due Friday 17:00, the second overdue reminder would be Saturday.
        var interview = InterviewEnding("2026-06-11T17:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin);

        Assert.Equal("2026-06-12T09:00+02:00", Local(Single(plan, "nudge-1").DueAt));
        Assert.Equal("2026-06-12T17:00+02:00", Local(Single(plan, "overdue-1").DueAt));
        Assert.Equal("2026-06-15T09:00+02:00", Local(Single(plan, "overdue-2").DueAt));
        Assert.Equal("2026-06-16T09:00+02:00", Local(Single(plan, "overdue-3").DueAt));
    }

    [Fact]
    public void Plan_EveryReminder_IsInsideItsRecipientsWorkingHours()
    {
        var interview = InterviewEnding("2026-06-12T17:30+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin, LosAngeles);

        Assert.All(plan.Where(r => r.IsForInterviewer), r => Assert.True(WorkingHours.Default.Contains(r.DueAt, Berlin), r.Key));
        Assert.True(WorkingHours.Default.Contains(Single(plan, "escalation-1").DueAt, LosAngeles));
    }

    [Theory]
    // Friday 17:30 before each daylight-saving change: the nudge moves to Monday 09:00 with the new offset,
    // the first overdue reminder follows the cooldown at 13:00.
    [InlineData("Europe/Berlin", "2026-03-27T17:30+01:00", "2026-03-30T09:00+02:00", "2026-03-30T13:00+02:00")]
    [InlineData("Europe/Berlin", "2026-10-23T17:30+02:00", "2026-10-26T09:00+01:00", "2026-10-26T13:00+01:00")]
    [InlineData("America/Los_Angeles", "2026-03-06T17:30-08:00", "2026-03-09T09:00-07:00", "2026-03-09T13:00-07:00")]
    [InlineData("America/Los_Angeles", "2026-10-30T17:30-07:00", "2026-11-02T09:00-08:00", "2026-11-02T13:00-08:00")]
    public void Plan_AcrossADaylightSavingWeekend_LandsOnMondayLocalTimeWithTheNewOffset(
        string zoneId, string end, string expectedNudge, string expectedOverdue)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var plan = ReminderPolicy.Plan(InterviewEnding(end), Defaults, zone);

        Assert.Equal(expectedNudge, Local(Single(plan, "nudge-1").DueAt));
        Assert.Equal(expectedOverdue, Local(Single(plan, "overdue-1").DueAt));
    }

    [Fact]
    public void Plan_DailyRemindersAcrossSpringForward_KeepTheirLocalTime()
    {
        // With weekends worked nothing is moved, so the daily rhythm itself crosses Berlin's change on 2026-03-29.
        var everyDay = Defaults with { WorkingHours = WorkingHours.Default with { Days = Enum.GetValues<DayOfWeek>() } };
        var interview = InterviewEnding("2026-03-27T10:00+01:00");

        var plan = ReminderPolicy.Plan(interview, everyDay, Berlin);

        Assert.Equal("2026-03-28T10:00+01:00", Local(Single(plan, "overdue-1").DueAt));
        Assert.Equal("2026-03-29T10:00+02:00", Local(Single(plan, "overdue-2").DueAt));
        Assert.Equal("2026-03-30T10:00+02:00", Local(Single(plan, "overdue-3").DueAt));
    }

    [Fact]
    public void Plan_DailyRemindersAcrossFallBack_KeepTheirLocalTime()
    {
        var everyDay = Defaults with { WorkingHours = WorkingHours.Default with { Days = Enum.GetValues<DayOfWeek>() } };
        var interview = InterviewEnding("2026-10-30T10:00-07:00");

        var plan = ReminderPolicy.Plan(interview, everyDay, LosAngeles);

        Assert.Equal("2026-10-31T10:00-07:00", Local(Single(plan, "overdue-1").DueAt));
        Assert.Equal("2026-11-01T10:00-08:00", Local(Single(plan, "overdue-2").DueAt));
    }

    [Fact]
    public void Plan_UnknownInterviewerZone_PlansInUtcWorkingHours()
    {
        var zone = ZoneResolver.Find("Mars/Olympus_Mons");
        var interview = InterviewEnding("2026-06-12T17:30Z");

        var plan = ReminderPolicy.Plan(interview, Defaults, zone);

        Assert.Equal("2026-06-15T09:00+00:00", Local(Single(plan, "nudge-1").DueAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Plan_MaxOverdueReminders_PlansExactlyThatMany(int max)
    {
        var plan = ReminderPolicy.Plan(InterviewEnding("2026-06-09T11:00+02:00"), Defaults with { MaxOverdueReminders = max }, Berlin);

        Assert.Equal(max, plan.Count(r => r.Kind == ReminderKind.Overdue));
        Assert.Equal(1, plan.Count(r => r.Kind == ReminderKind.Nudge));
        Assert.Equal(1, plan.Count(r => r.Kind == ReminderKind.Escalation));
    }

    [Fact]
    public void Plan_Default_PlansAtMostThreeOverdueReminders()
    {
        var plan = ReminderPolicy.Plan(InterviewEnding("2026-06-09T11:00+02:00"), Defaults, Berlin);

        Assert.Equal(["overdue-1", "overdue-2", "overdue-3"], plan.Where(r => r.Kind == ReminderKind.Overdue).Select(r => r.Key));
    }

    [Fact]
    public void Plan_ManagerInAnotherZone_EscalatesADayAfterDueInsideTheManagersWorkingHours()
    {
        // Due Wednesday 11:00 Berlin; a day later is Thursday 02:00 in Los Angeles, so 09:00 there.
        var interview = InterviewEnding("2026-06-09T11:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin, LosAngeles);

        Assert.Equal("2026-06-11T09:00-07:00", Local(Single(plan, "escalation-1").DueAt));
    }

    [Fact]
    public void Plan_ManagerZoneUnknown_EscalatesInUtcWorkingHours()
    {
        // Due Wednesday 16:00 in Los Angeles; a day later is Thursday 23:00 UTC, after hours, so Friday 09:00 UTC.
        var interview = InterviewEnding("2026-06-09T16:00-07:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, LosAngeles, managerZone: null);

        Assert.Equal("2026-06-12T09:00+00:00", Local(Single(plan, "escalation-1").DueAt));
    }

    [Fact]
    public void Plan_FirstOverdueReminderPushedToMonday_EscalatesADayAfterTheInterviewerHeard()
    {
        // Due Saturday; the interviewer first hears Monday 13:00, so the manager hears Tuesday, not Monday morning.
        var interview = InterviewEnding("2026-06-12T17:30+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin, Berlin);

        Assert.Equal("2026-06-16T13:00+02:00", Local(Single(plan, "escalation-1").DueAt));
    }

    [Fact]
    public void Plan_NoOverdueReminders_EscalatesADayAfterDue()
    {
        var interview = InterviewEnding("2026-06-09T11:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults with { MaxOverdueReminders = 0 }, Berlin, Berlin);

        Assert.Equal(["nudge-1", "escalation-1"], plan.Select(r => r.Key));
        Assert.Equal("2026-06-11T11:00+02:00", Local(Single(plan, "escalation-1").DueAt));
    }

    [Fact]
    public void Plan_FeedbackDueBeforeTheNudge_OverdueRemindersComeAfterTheNudgeAndCooldown()
    {
        var interview = InterviewEnding("2026-06-09T11:00+02:00", feedbackDue: "2026-06-09T12:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults, Berlin);

        var nudge = Single(plan, "nudge-1").DueAt;
        Assert.Equal("2026-06-09T13:00+02:00", Local(nudge));
        Assert.Equal("2026-06-09T17:00+02:00", Local(Single(plan, "overdue-1").DueAt));
        Assert.All(plan.Where(r => r.Kind == ReminderKind.Overdue), r => Assert.True(r.DueAt >= nudge + Defaults.Cooldown, r.Key));
    }

    [Fact]
    public void Plan_FeedbackDueBeforeTheEnd_PlansNothingBeforeTheInterviewEnds()
    {
        var interview = InterviewEnding("2026-06-09T11:00+02:00", feedbackDue: "2026-06-08T11:00+02:00");

        var plan = ReminderPolicy.Plan(interview, Defaults with { FirstNudgeAfterEnd = TimeSpan.Zero, Cooldown = TimeSpan.Zero }, Berlin, Berlin);

        Assert.All(plan, r => Assert.True(r.DueAt >= interview.End, r.Key));
    }

    [Fact]
    public void Plan_SameInterviewTwice_GivesTheSameRemindersAndKeys()
    {
        // Storage keeps each reminder once by its key; replanning after a restart must produce the same rows.
        var interview = InterviewEnding("2026-06-12T17:30+02:00");

        var first = ReminderPolicy.Plan(interview, Defaults, Berlin, LosAngeles);
        var second = ReminderPolicy.Plan(interview, Defaults, Berlin, LosAngeles);

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Plan_InvalidSettings_ThrowsNamingTheProblem()
    {
        var broken = Defaults with { WorkingHours = WorkingHours.Default with { Days = [] } };

        var error = Assert.Throws<ArgumentException>(() => ReminderPolicy.Plan(InterviewEnding("2026-06-09T11:00+02:00"), broken, Berlin));

        Assert.Contains("workingHours.days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReminderKind.Nudge, 1, "nudge-1")]
    [InlineData(ReminderKind.Overdue, 2, "overdue-2")]
    [InlineData(ReminderKind.Escalation, 1, "escalation-1")]
    public void Key_EachKind_IsStableText(ReminderKind kind, int sequence, string expected)
    {
        Assert.Equal(expected, new PlannedReminder(kind, sequence, At("2026-06-09T13:00+02:00")).Key);
    }

    private static PlannedReminder Single(IReadOnlyList<PlannedReminder> plan, string key) =>
        Assert.Single(plan, r => r.Key == key);
}
