using InterviewBot.Domain.Reminders;
using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class NudgePolicyTests
{
    private static readonly ReminderSettings Defaults = ReminderSettings.Default;

    // The hiring manager types "remind Jordan Lee" on Wednesday 10:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(At("2026-06-10T10:00+02:00"));

    [Fact]
    public void Decide_InterviewEndedAndNotSubmitted_RemindsNow()
    {
        var state = Ended();

        var decision = Assert.Single(NudgePolicy.Decide([state], Defaults, _clock.GetUtcNow()));

        var remind = Assert.IsType<NudgeDecision.Remind>(decision);
        Assert.Same(state.Interview, remind.Interview);
        Assert.Equal(_clock.GetUtcNow(), remind.At);
    }

    [Fact]
    public void Decide_Submitted_SkipsAsSubmitted()
    {
        var decision = DecideOne(Ended() with { Submitted = true });

        Assert.Equal(NudgeSkipReason.Submitted, Assert.IsType<NudgeDecision.Skip>(decision).Reason);
    }

    [Fact]
    public void Decide_InterviewNotOver_SkipsAsNotOver()
    {
        var later = ReminderState.Open(InterviewEnding("2026-06-10T11:00+02:00"), Berlin);

        var decision = DecideOne(later);

        Assert.Equal(NudgeSkipReason.InterviewNotOver, Assert.IsType<NudgeDecision.Skip>(decision).Reason);
    }

    [Theory]
    [InlineData(NotHeldReason.NoShow)]
    [InlineData(NotHeldReason.Cancelled)]
    [InlineData(NotHeldReason.Rescheduled)]
    public void Decide_InterviewDidNotHappen_SkipsAsNotHeld(NotHeldReason reason)
    {
        var decision = DecideOne(Ended() with { NotHeld = reason });

        Assert.Equal(NudgeSkipReason.InterviewNotHeld, Assert.IsType<NudgeDecision.Skip>(decision).Reason);
    }

    [Fact]
    public void Decide_RemindedJustUnderFourHoursAgo_SkipsAsRemindedRecently()
    {
        var decision = DecideOne(Ended() with { LastRemindedAt = _clock.GetUtcNow() - TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1) });

        Assert.Equal(NudgeSkipReason.RemindedRecently, Assert.IsType<NudgeDecision.Skip>(decision).Reason);
    }

    [Fact]
    public void Decide_RemindedExactlyFourHoursAgo_Reminds()
    {
        var state = Ended() with { LastRemindedAt = _clock.GetUtcNow() };
        _clock.Advance(TimeSpan.FromHours(4));

        var decision = DecideOne(state);

        Assert.IsType<NudgeDecision.Remind>(decision);
    }

    [Fact]
    public void Decide_ShorterCooldownSetting_RemindsSooner()
    {
        var state = Ended() with { LastRemindedAt = _clock.GetUtcNow() };
        _clock.Advance(TimeSpan.FromHours(1));

        var decision = Assert.Single(NudgePolicy.Decide([state], Defaults with { Cooldown = TimeSpan.FromHours(1) }, _clock.GetUtcNow()));

        Assert.IsType<NudgeDecision.Remind>(decision);
    }

    [Fact]
    public void Decide_SnoozedInterviewer_IsStillReminded()
    {
        // The manager asked explicitly; a snooze quiets the schedule, not a person asking.
        var decision = DecideOne(Ended() with { SnoozedUntil = _clock.GetUtcNow().AddDays(3) });

        Assert.IsType<NudgeDecision.Remind>(decision);
    }

    [Fact]
    public void Decide_InterviewerOutsideTheirWorkingHours_RemindsAtTheirNextMorning()
    {
        // 10:00 in Berlin is 01:00 in Los Angeles.
        var decision = DecideOne(ReminderState.Open(InterviewEnding("2026-06-09T11:00-07:00"), LosAngeles));

        Assert.Equal("2026-06-10T09:00-07:00", Local(Assert.IsType<NudgeDecision.Remind>(decision).At));
    }

    [Fact]
    public void Decide_WholeLoop_DecidesForEveryInterviewInOrder()
    {
        var submitted = Ended() with { Submitted = true };
        var pending = Ended();
        var notOver = ReminderState.Open(InterviewEnding("2026-06-10T15:00+02:00"), Berlin);
        var recentlyReminded = Ended() with { LastRemindedAt = _clock.GetUtcNow().AddHours(-1) };

        var decisions = NudgePolicy.Decide([submitted, pending, notOver, recentlyReminded], Defaults, _clock.GetUtcNow());

        Assert.Collection(
            decisions,
            d => Assert.Equal(NudgeSkipReason.Submitted, Assert.IsType<NudgeDecision.Skip>(d).Reason),
            d => Assert.IsType<NudgeDecision.Remind>(d),
            d => Assert.Equal(NudgeSkipReason.InterviewNotOver, Assert.IsType<NudgeDecision.Skip>(d).Reason),
            d => Assert.Equal(NudgeSkipReason.RemindedRecently, Assert.IsType<NudgeDecision.Skip>(d).Reason));
    }

    private static ReminderState Ended() => ReminderState.Open(InterviewEnding("2026-06-09T11:00+02:00"), Berlin);

    private NudgeDecision DecideOne(ReminderState state) => Assert.Single(NudgePolicy.Decide([state], Defaults, _clock.GetUtcNow()));
}
