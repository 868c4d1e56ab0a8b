using InterviewBot.Domain.Loops;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Reminders;

/// <summary>A requisition that chases feedback its own way, next to one on the installation's defaults.</summary>
public sealed class RequisitionReminderTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Fact]
    public async Task Sweep_RequisitionWithItsOwnSchedule_ChasesItsLoopByItAndTheOtherByTheDefaults()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        // An urgent requisition: nudge after an hour, feedback due at the usual time, one overdue reminder only,
        // escalate the same day, and Saturday mornings count as working time.
        var urgent = new ReminderSettingsRequest(
            FirstNudgeAfterHours: 1,
            OverdueIntervalHours: null,
            MaxOverdueReminders: 1,
            EscalationAfterDueHours: 4,
            CooldownHours: null,
            SnoozeHours: null,
            WorkingHours: new WorkingHoursRequest("08:00", "12:00", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "saturday"]));
        await _scene.CreateLoopAsync("Jordan Lee", "ats-1", urgent, (Ivy, "2026-12-03 09:00", "2026-12-03 10:00"));
        await _scene.CreateLoopAsync("Casey Kim", "ats-2", (Otto, "2026-12-03 09:00", "2026-12-03 10:00"));

        await _scene.RunUntilAsync("2026-12-08 18:00");

        Assert.Equal(
            [
                "Thu 12-03 11:00 Ivy Nudge",
                "Thu 12-03 12:00 Otto Nudge",
                "Fri 12-04 10:00 Ivy Overdue",
                "Fri 12-04 10:00 Otto Overdue",
                // Four hours after due is 14:00, outside the requisition's hours: the manager hears next working morning.
                "Sat 12-05 08:00 Morgan Escalation",
                "Mon 12-07 09:00 Morgan Escalation",
                "Mon 12-07 09:00 Otto Overdue",
                "Tue 12-08 09:00 Otto Overdue",
            ],
            _scene.Timeline);
    }
}
