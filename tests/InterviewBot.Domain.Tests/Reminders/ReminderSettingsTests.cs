using InterviewBot.Domain.Reminders;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class ReminderSettingsTests
{
    [Fact]
    public void Default_IsTheIssuesSchedule()
    {
        var settings = ReminderSettings.Default;

        Assert.Equal(TimeSpan.FromHours(2), settings.FirstNudgeAfterEnd);
        Assert.Equal(TimeSpan.FromDays(1), settings.OverdueInterval);
        Assert.Equal(3, settings.MaxOverdueReminders);
        Assert.Equal(TimeSpan.FromDays(1), settings.EscalationAfterDue);
        Assert.Equal(TimeSpan.FromHours(4), settings.Cooldown);
        Assert.Equal(TimeSpan.FromHours(2), settings.ShortSnooze);
        Assert.Equal(new TimeOnly(9, 0), settings.WorkingHours.Start);
        Assert.Equal(new TimeOnly(18, 0), settings.WorkingHours.End);
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            settings.WorkingHours.Days);
    }

    [Fact]
    public void Validate_Default_HasNoProblems()
    {
        Assert.Empty(ReminderSettings.Default.Validate());
    }

    [Fact]
    public void Validate_NoOverdueReminders_IsAllowed()
    {
        // A requisition may want only the nudge and the escalation.
        Assert.Empty((ReminderSettings.Default with { MaxOverdueReminders = 0 }).Validate());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ReminderSettings.MaxOverdueRemindersLimit + 1)]
    public void Validate_OverdueReminderCountOutOfRange_IsAProblem(int max)
    {
        AssertProblem(ReminderSettings.Default with { MaxOverdueReminders = max }, "maxOverdueReminders");
    }

    [Fact]
    public void Validate_WorkingDayEndingBeforeItStarts_IsAProblem()
    {
        var settings = ReminderSettings.Default with
        {
            WorkingHours = WorkingHours.Default with { Start = new TimeOnly(18, 0), End = new TimeOnly(9, 0) },
        };

        AssertProblem(settings, "workingHours.end");
    }

    [Fact]
    public void Validate_WorkingDayOfNoLength_IsAProblem()
    {
        var settings = ReminderSettings.Default with
        {
            WorkingHours = WorkingHours.Default with { End = WorkingHours.Default.Start },
        };

        AssertProblem(settings, "workingHours.end");
    }

    [Fact]
    public void Validate_NoWorkingDays_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { WorkingHours = WorkingHours.Default with { Days = [] } }, "workingHours.days");
    }

    [Fact]
    public void Validate_UndefinedDayOfWeek_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { WorkingHours = WorkingHours.Default with { Days = [(DayOfWeek)9] } }, "workingHours.days");
    }

    [Fact]
    public void Validate_NudgeBeforeTheEnd_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { FirstNudgeAfterEnd = TimeSpan.FromMinutes(-5) }, "firstNudgeAfterEnd");
    }

    [Fact]
    public void Validate_ZeroOverdueInterval_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { OverdueInterval = TimeSpan.Zero }, "overdueInterval");
    }

    [Fact]
    public void Validate_OverdueIntervalShorterThanTheCooldown_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { OverdueInterval = TimeSpan.FromHours(3) }, "overdueInterval");
    }

    [Fact]
    public void Validate_NegativeEscalationDelay_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { EscalationAfterDue = TimeSpan.FromHours(-1) }, "escalationAfterDue");
    }

    [Fact]
    public void Validate_NegativeCooldown_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { Cooldown = TimeSpan.FromHours(-1) }, "cooldown");
    }

    [Fact]
    public void Validate_ZeroShortSnooze_IsAProblem()
    {
        AssertProblem(ReminderSettings.Default with { ShortSnooze = TimeSpan.Zero }, "shortSnooze");
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var settings = ReminderSettings.Default with { MaxOverdueReminders = -1, ShortSnooze = TimeSpan.Zero };

        Assert.Equal(["maxOverdueReminders", "shortSnooze"], settings.Validate().Select(e => e.Field));
    }

    [Fact]
    public void Equals_SameValuesBuiltSeparately_IsEqual()
    {
        var rebuilt = new ReminderSettings
        {
            WorkingHours = new WorkingHours(
                new TimeOnly(9, 0),
                new TimeOnly(18, 0),
                [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
        };

        Assert.Equal(ReminderSettings.Default, rebuilt);
    }

    private static void AssertProblem(ReminderSettings settings, string field)
    {
        var error = Assert.Single(settings.Validate());
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
