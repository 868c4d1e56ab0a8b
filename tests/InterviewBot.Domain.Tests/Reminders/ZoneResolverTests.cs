using InterviewBot.Domain.Reminders;

namespace InterviewBot.Domain.Tests.Reminders;

public sealed class ZoneResolverTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Asia/Kolkata")]
    public void Find_IanaIdAsTeamsSendsIt_IsThatZone(string id)
    {
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(id), ZoneResolver.Find(id));
    }

    [Fact]
    public void Find_IdWithSurroundingSpaces_IsThatZone()
    {
        Assert.Equal(Zones.Berlin, ZoneResolver.Find(" Europe/Berlin "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Berlin\0")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/localtime")]
    public void Find_MissingUnknownOrInvalidId_IsUtc(string? id)
    {
        Assert.Same(TimeZoneInfo.Utc, ZoneResolver.Find(id));
    }

    [Fact]
    public void Find_OverlongId_IsUtc()
    {
        Assert.Same(TimeZoneInfo.Utc, ZoneResolver.Find("Europe/" + new string('B', 200)));
    }
}
