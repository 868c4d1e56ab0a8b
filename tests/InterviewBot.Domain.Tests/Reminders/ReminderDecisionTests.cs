using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class ReminderDecisionTests
{
    private static readonly ReminderSettings Defaults = ReminderSettings.Default;

    // Tuesday 11:00 in Berlin: nudge 13:00, overdue from Wednesday 11:00, escalation Thursday 09:00 in Los Angeles.
    private static readonly Interview Interview = InterviewEnding("2026-06-09T11:00+02:00");
    private static readonly IReadOnlyList<PlannedReminder> Plan = ReminderPolicy.Plan(Interview, Defaults, Berlin, LosAngeles);
    private static readonly PlannedReminder Nudge = Plan.Single(r => r.Key == "nudge-1");
    private static readonly PlannedReminder Escalation = Plan.Single(r => r.Key == "escalation-1");

    private readonly FakeTimeProvider _clock = new(Interview.End);

    [Fact]
    public void Decide_AtItsTimeInsideWorkingHours_Sends()
    {
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open());

        Assert.IsType<ReminderDecision.Send>(decision);
    }

    [Fact]
    public void Decide_BeforeItsTime_PostponesToItsTime()
    {
        _clock.SetUtcNow(At("2026-06-09T12:00+02:00"));

        var decision = Decide(Nudge, Open());

        Assert.Equal(new ReminderDecision.Postpone(Nudge.DueAt, PostponeReason.NotDueYet), decision);
    }

    [Fact]
    public void Decide_InterviewMovedLaterAndNotOver_PostponesToItsNewEnd()
    {
        var moved = Interview with { Start = At("2026-06-09T14:00+02:00"), End = At("2026-06-09T15:00+02:00") };
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { Interview = moved });

        var postpone = Assert.IsType<ReminderDecision.Postpone>(decision);
        Assert.Equal(PostponeReason.InterviewNotOver, postpone.Reason);
        Assert.Equal("2026-06-09T15:00+02:00", Local(postpone.Until));
    }

    [Fact]
    public void Decide_AfterSubmit_CancelsEveryReminderIncludingTheEscalation()
    {
        _clock.SetUtcNow(At("2026-06-15T10:00+02:00"));
        var submitted = Open() with { Submitted = true };

        var decisions = Plan.Select(r => Decide(r, submitted));

        Assert.All(decisions, d => Assert.Equal(new ReminderDecision.Cancel(CancelReason.Submitted), d));
    }

    [Theory]
    [InlineData(NotHeldReason.NoShow)]
    [InlineData(NotHeldReason.Cancelled)]
    [InlineData(NotHeldReason.Rescheduled)]
    public void Decide_InterviewDidNotHappen_CancelsEveryReminder(NotHeldReason reason)
    {
        _clock.SetUtcNow(At("2026-06-15T10:00+02:00"));
        var notHeld = Open() with { NotHeld = reason };

        var decisions = Plan.Select(r => Decide(r, notHeld));

        Assert.All(decisions, d => Assert.Equal(new ReminderDecision.Cancel(CancelReason.InterviewNotHeld), d));
    }

    [Fact]
    public void Decide_WhileSnoozed_PostponesToTheSnoozeEnd()
    {
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { SnoozedUntil = At("2026-06-09T15:00+02:00") });

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-09T15:00+02:00"), PostponeReason.Snoozed), decision);
    }

    [Fact]
    public void Decide_SnoozeEndingAfterHours_PostponesToTheNextWorkingMorning()
    {
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { SnoozedUntil = At("2026-06-09T19:00+02:00") });

        var postpone = Assert.IsType<ReminderDecision.Postpone>(decision);
        Assert.Equal(PostponeReason.Snoozed, postpone.Reason);
        Assert.Equal("2026-06-10T09:00+02:00", Local(postpone.Until));
    }

    [Fact]
    public void Decide_SnoozeOver_Sends()
    {
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { SnoozedUntil = Nudge.DueAt });

        Assert.IsType<ReminderDecision.Send>(decision);
    }

    [Fact]
    public void Decide_EscalationWhileTheInterviewerSnoozes_StillSends()
    {
        // The snooze quiets the interviewer's reminders; the managers still need to know feedback is late.
        _clock.SetUtcNow(Escalation.DueAt);

        var decision = Decide(Escalation, Open() with { SnoozedUntil = At("2026-06-12T09:00+02:00"), LastRemindedAt = Escalation.DueAt });

        Assert.IsType<ReminderDecision.Send>(decision);
    }

    [Fact]
    public void Decide_RemindedWithinTheCooldown_PostponesUntilTheCooldownEnds()
    {
        // The hiring manager nudged by hand at 12:30; the scheduled nudge at 13:00 waits until 16:30.
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { LastRemindedAt = At("2026-06-09T12:30+02:00") });

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-09T16:30+02:00"), PostponeReason.RemindedRecently), decision);
    }

    [Fact]
    public void Decide_RemindedExactlyTheCooldownAgo_Sends()
    {
        _clock.SetUtcNow(Nudge.DueAt);

        var decision = Decide(Nudge, Open() with { LastRemindedAt = Nudge.DueAt - Defaults.Cooldown });

        Assert.IsType<ReminderDecision.Send>(decision);
    }

    [Fact]
    public void Decide_CooldownEndingAfterHours_PostponesToTheNextWorkingMorning()
    {
        var overdue = Plan.Single(r => r.Key == "overdue-1");
        _clock.SetUtcNow(At("2026-06-10T16:00+02:00"));

        var decision = Decide(overdue, Open() with { LastRemindedAt = At("2026-06-10T15:00+02:00") });

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-11T09:00+02:00"), PostponeReason.RemindedRecently), decision);
    }

    [Fact]
    public void Decide_SweepRunningLateAfterHours_PostponesToTheNextWorkingMorning()
    {
        // The process was down all evening; the 13:00 nudge is picked up at 19:00 and must not go out then.
        _clock.SetUtcNow(At("2026-06-09T19:00+02:00"));

        var decision = Decide(Nudge, Open());

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-10T09:00+02:00"), PostponeReason.OutsideWorkingHours), decision);
    }

    [Fact]
    public void Decide_EscalationAtNightForTheManager_WaitsForTheManagersMorning()
    {
        // Friday 12:00 in Berlin is 03:00 in Los Angeles, where the manager is.
        _clock.SetUtcNow(At("2026-06-12T12:00+02:00"));

        var decision = Decide(Escalation, Open());

        var postpone = Assert.IsType<ReminderDecision.Postpone>(decision);
        Assert.Equal(PostponeReason.OutsideWorkingHours, postpone.Reason);
        Assert.Equal("2026-06-12T09:00-07:00", Local(postpone.Until));
    }

    [Fact]
    public void Decide_EscalationWithUnknownManagerZone_UsesUtcWorkingHours()
    {
        _clock.SetUtcNow(At("2026-06-12T07:00Z"));

        var decision = ReminderPolicy.Decide(Escalation, Open(), Defaults, _clock.GetUtcNow(), managerZone: null);

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-12T09:00Z"), PostponeReason.OutsideWorkingHours), decision);
    }

    private static ReminderState Open() => ReminderState.Open(Interview, Berlin);

    private ReminderDecision Decide(PlannedReminder reminder, ReminderState state) =>
        ReminderPolicy.Decide(reminder, state, Defaults, _clock.GetUtcNow(), LosAngeles);
}
