using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Loops;

public sealed class LoopSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private static ReminderSettingsRequest Reminders(
        double? firstNudgeAfterHours = null,
        double? overdueIntervalHours = null,
        int? maxOverdueReminders = null,
        double? escalationAfterDueHours = null,
        double? cooldownHours = null,
        double? snoozeHours = null,
        WorkingHoursRequest? workingHours = null) =>
        new(firstNudgeAfterHours, overdueIntervalHours, maxOverdueReminders, escalationAfterDueHours, cooldownHours, snoozeHours, workingHours);

    private static (LoopPlan? Plan, IReadOnlyList<InterviewBot.Domain.Scorecards.FieldError> Errors) PlanWith(
        ReminderSettingsRequest? reminders = null, DebriefSettingsRequest? debrief = null, string? requisition = null, ReminderSettings? installation = null) =>
        LoopPlanner.Plan(LoopRequest() with { Reminders = reminders, Debrief = debrief, Requisition = requisition }, Catalog, Ids(), Now, installation);

    [Fact]
    public void Plan_NoRequisitionSettings_FollowsTheInstallation()
    {
        var (plan, errors) = PlanWith();

        Assert.Empty(errors);
        Assert.True(plan!.Loop.Reminders.IsEmpty);
        Assert.Null(plan.Loop.RequisitionId);
        Assert.True(plan.Loop.Debrief.LockOnPost);
        Assert.False(plan.Loop.Debrief.AutoPost);
        var installation = ReminderSettings.Default with { MaxOverdueReminders = 5 };
        Assert.Equal(installation, plan.Loop.Reminders.ApplyTo(installation));
    }

    [Fact]
    public void Plan_RequisitionOverridesSomeValues_KeepsThemAndLeavesTheRestToTheInstallation()
    {
        var (plan, errors) = PlanWith(
            Reminders(firstNudgeAfterHours: 0.5, maxOverdueReminders: 1, workingHours: new WorkingHoursRequest("08:30", "16:00", ["monday", "Tuesday", "Monday"])),
            new DebriefSettingsRequest(LockOnPost: false, AutoPost: true),
            requisition: " REQ-1042 ");

        Assert.Empty(errors);
        var installation = ReminderSettings.Default with { Cooldown = TimeSpan.FromHours(6) };
        var settings = plan!.Loop.Reminders.ApplyTo(installation);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.FirstNudgeAfterEnd);
        Assert.Equal(1, settings.MaxOverdueReminders);
        Assert.Equal(TimeSpan.FromHours(6), settings.Cooldown);
        Assert.Equal(installation.OverdueInterval, settings.OverdueInterval);
        Assert.Equal(new WorkingHours(new TimeOnly(8, 30), new TimeOnly(16, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday]), settings.WorkingHours);
        Assert.Equal("REQ-1042", plan.Loop.RequisitionId);
        Assert.Equal(new DebriefSettings(LockOnPost: false, AutoPost: true), plan.Loop.Debrief);
    }

    [Theory]
    [InlineData(-1d, "reminders.firstNudgeAfterHours")]
    [InlineData(721d, "reminders.firstNudgeAfterHours")]
    [InlineData(double.NaN, "reminders.firstNudgeAfterHours")]
    public void Plan_HoursOutOfRange_NamesTheFieldAndPlansNothing(double hours, string field)
    {
        var (plan, errors) = PlanWith(Reminders(firstNudgeAfterHours: hours));

        Assert.Null(plan);
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_BadWorkingHours_NamesEachBadField()
    {
        var (plan, errors) = PlanWith(Reminders(workingHours: new WorkingHoursRequest("9am", "18:00", ["Monday", "Funday", "3"])));

        Assert.Null(plan);
        Assert.Equal(["reminders.workingHours.start", "reminders.workingHours.days[1]", "reminders.workingHours.days[2]"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Plan_WorkdayEndingBeforeItStarts_IsRefusedUnderTheRequestsName()
    {
        var (plan, errors) = PlanWith(Reminders(workingHours: new WorkingHoursRequest("18:00", "09:00", null)));

        Assert.Null(plan);
        Assert.Equal("reminders.workingHours.end", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_IntervalShorterThanTheInstallationsCooldown_IsRefused()
    {
        // Valid on its own; together with the installation's 4-hour cooldown every overdue reminder would be held back.
        var (plan, errors) = PlanWith(Reminders(overdueIntervalHours: 2), installation: ReminderSettings.Default);

        Assert.Null(plan);
        Assert.Equal("reminders.overdueIntervalHours", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_TooManyOverdueReminders_IsRefused()
    {
        var (plan, errors) = PlanWith(Reminders(maxOverdueReminders: ReminderSettings.MaxOverdueRemindersLimit + 1));

        Assert.Null(plan);
        Assert.Equal("reminders.maxOverdueReminders", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_RequisitionIdTooLong_IsRefused()
    {
        var (plan, errors) = PlanWith(requisition: new string('r', LoopPlanner.MaxIdLength + 1));

        Assert.Null(plan);
        Assert.Equal("requisition", Assert.Single(errors).Field);
    }
}
