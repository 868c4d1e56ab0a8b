using InterviewBot.Domain.Reminders;
using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Reminders.Zones;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class LatenessTests
{
    private static readonly DateTimeOffset Due = At("2026-06-10T11:00+02:00");

    private readonly FakeTimeProvider _clock = new(Due);

    [Theory]
    [InlineData(30, "under a minute")]
    [InlineData(60, "1 min")]
    [InlineData(45 * 60, "45 min")]
    [InlineData(60 * 60, "1 h")]
    [InlineData((3 * 60 * 60) + (59 * 60), "3 h")]
    [InlineData((24 * 60 * 60) - 1, "23 h")]
    [InlineData(24 * 60 * 60, "1 day")]
    [InlineData(47 * 60 * 60, "1 day")]
    [InlineData(48 * 60 * 60, "2 days")]
    [InlineData(10 * 24 * 60 * 60, "10 days")]
    public void Describe_HowLate_IsRoundedDownToItsLargestUnit(int secondsLate, string expected)
    {
        _clock.Advance(TimeSpan.FromSeconds(secondsLate));

        Assert.Equal(expected, Lateness.Describe(Due, _clock.GetUtcNow()));
    }

    [Fact]
    public void Describe_NotLateYet_IsNull()
    {
        Assert.Null(Lateness.Describe(Due.AddHours(1), _clock.GetUtcNow()));
    }

    [Fact]
    public void Describe_ExactlyAtDue_IsNull()
    {
        Assert.Null(Lateness.Describe(Due, _clock.GetUtcNow()));
    }

    [Fact]
    public void Of_BeforeDue_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, Lateness.Of(Due.AddHours(1), _clock.GetUtcNow()));
    }

    [Fact]
    public void Of_AfterDue_IsTheTimePast()
    {
        _clock.Advance(TimeSpan.FromHours(26));

        Assert.Equal(TimeSpan.FromHours(26), Lateness.Of(Due, _clock.GetUtcNow()));
    }
}
