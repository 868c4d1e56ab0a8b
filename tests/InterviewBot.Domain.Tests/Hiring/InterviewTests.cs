using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Hiring;

public sealed class InterviewTests
{
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void HasEnded_DuringTheInterview_IsFalse()
    {
        _clock.Advance(TimeSpan.FromMinutes(59));

        Assert.False(Interview().HasEnded(_clock.GetUtcNow()));
    }

    [Fact]
    public void HasEnded_AtTheEndTime_IsTrue()
    {
        // The scorecard is delivered the moment the slot ends, not a tick later.
        _clock.Advance(End - Start);

        Assert.True(Interview().HasEnded(_clock.GetUtcNow()));
    }

    [Fact]
    public void HasEnded_AfterTheEnd_IsTrue()
    {
        _clock.Advance(TimeSpan.FromHours(3));

        Assert.True(Interview().HasEnded(_clock.GetUtcNow()));
    }

    [Fact]
    public void HasEnded_ClockInAnotherOffset_ComparesTheInstant()
    {
        _clock.Advance(TimeSpan.FromMinutes(30));
        var sameInstantInTokyo = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9));

        Assert.False(Interview().HasEnded(sameInstantInTokyo));
    }

    [Fact]
    public void DefaultFeedbackWindow_IsOneDay()
    {
        Assert.Equal(TimeSpan.FromHours(24), global::InterviewBot.Domain.Hiring.Interview.DefaultFeedbackWindow);
    }
}
