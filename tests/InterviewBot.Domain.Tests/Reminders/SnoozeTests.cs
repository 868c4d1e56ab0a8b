using InterviewBot.Domain.Reminders;
using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class SnoozeTests
{
    private readonly FakeTimeProvider _clock = new(At("2026-06-09T08:00Z"));

    [Fact]
    public void For_ShortDuringTheDay_IsTwoHoursLater()
    {
        _clock.SetUtcNow(At("2026-06-09T10:00+02:00"));

        var until = Snooze.For(SnoozeOption.Short, _clock.GetUtcNow(), Berlin, ReminderSettings.Default);

        Assert.Equal("2026-06-09T12:00+02:00", Local(until));
    }

    [Fact]
    public void For_ShortLateInTheDay_ResumesTheNextWorkingMorning()
    {
        _clock.SetUtcNow(At("2026-06-09T17:00+02:00"));

        var until = Snooze.For(SnoozeOption.Short, _clock.GetUtcNow(), Berlin, ReminderSettings.Default);

        Assert.Equal("2026-06-10T09:00+02:00", Local(until));
    }

    [Fact]
    public void For_ShortWithAnotherLength_UsesTheSetting()
    {
        _clock.SetUtcNow(At("2026-06-09T10:00+02:00"));

        var until = Snooze.For(SnoozeOption.Short, _clock.GetUtcNow(), Berlin, ReminderSettings.Default with { ShortSnooze = TimeSpan.FromMinutes(30) });

        Assert.Equal("2026-06-09T10:30+02:00", Local(until));
    }

    [Fact]
    public void For_NextWorkingMorningFromFridayEvening_IsMonday0900()
    {
        _clock.SetUtcNow(At("2026-06-12T19:00+02:00"));

        var until = Snooze.For(SnoozeOption.NextWorkingMorning, _clock.GetUtcNow(), Berlin, ReminderSettings.Default);

        Assert.Equal("2026-06-15T09:00+02:00", Local(until));
    }

    [Fact]
    public void For_NextWorkingMorningDuringTheDay_IsTomorrow0900()
    {
        _clock.SetUtcNow(At("2026-06-09T10:00+02:00"));

        var until = Snooze.For(SnoozeOption.NextWorkingMorning, _clock.GetUtcNow(), Berlin, ReminderSettings.Default);

        Assert.Equal("2026-06-10T09:00+02:00", Local(until));
    }

    [Fact]
    public void For_NextWorkingMorningInTheInterviewersZone_IsTheirMorning()
    {
        // Tuesday 10:00 in Berlin is 01:00 in Los Angeles: their next morning is the same Tuesday.
        _clock.SetUtcNow(At("2026-06-09T10:00+02:00"));

        var until = Snooze.For(SnoozeOption.NextWorkingMorning, _clock.GetUtcNow(), LosAngeles, ReminderSettings.Default);

        Assert.Equal("2026-06-09T09:00-07:00", Local(until));
    }

    [Fact]
    public void For_SnoozedReminder_IsPostponedToWhenTheSnoozeEnds()
    {
        // The first overdue reminder arrives Friday 17:00; snoozing it until the next working morning means Monday.
        var interview = InterviewEnding("2026-06-11T17:00+02:00");
        var overdue = ReminderPolicy.Plan(interview, ReminderSettings.Default, Berlin).Single(r => r.Key == "overdue-1");
        _clock.SetUtcNow(overdue.DueAt);
        var until = Snooze.For(SnoozeOption.NextWorkingMorning, _clock.GetUtcNow(), Berlin, ReminderSettings.Default);
        var state = ReminderState.Open(interview, Berlin) with { SnoozedUntil = until };

        var decision = ReminderPolicy.Decide(overdue, state, ReminderSettings.Default, _clock.GetUtcNow());

        Assert.Equal(new ReminderDecision.Postpone(At("2026-06-15T09:00+02:00"), PostponeReason.Snoozed), decision);
    }
}
