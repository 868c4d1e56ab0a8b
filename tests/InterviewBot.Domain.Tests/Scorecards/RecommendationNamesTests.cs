using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Domain.Tests.Scorecards;

public sealed class RecommendationNamesTests
{
    [Theory]
    [InlineData(Recommendation.StrongNoHire, "Strong No Hire")]
    [InlineData(Recommendation.NoHire, "No Hire")]
    [InlineData(Recommendation.Hire, "Hire")]
    [InlineData(Recommendation.StrongHire, "Strong Hire")]
    public void Display_EachRecommendation_ReturnsItsReadableName(Recommendation recommendation, string expected)
    {
        Assert.Equal(expected, recommendation.Display());
    }

    [Fact]
    public void Display_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Recommendation)42).Display());
    }

    [Theory]
    [InlineData("Strong No Hire", Recommendation.StrongNoHire)]
    [InlineData("StrongNoHire", Recommendation.StrongNoHire)]
    [InlineData("No Hire", Recommendation.NoHire)]
    [InlineData("noHire", Recommendation.NoHire)]
    [InlineData("Hire", Recommendation.Hire)]
    [InlineData("hire", Recommendation.Hire)]
    [InlineData("Strong Hire", Recommendation.StrongHire)]
    [InlineData("STRONGHIRE", Recommendation.StrongHire)]
    public void TryParse_DisplayOrEnumName_ReturnsTheRecommendation(string value, Recommendation expected)
    {
        var ok = RecommendationNames.TryParse(value, out var recommendation);

        Assert.True(ok);
        Assert.Equal(expected, recommendation);
    }

    [Fact]
    public void TryParse_DisplayOfEveryValue_RoundTrips()
    {
        Assert.All(Enum.GetValues<Recommendation>(), r =>
        {
            Assert.True(RecommendationNames.TryParse(r.Display(), out var parsed));
            Assert.Equal(r, parsed);
        });
    }

    // A forged card payload must not turn into a recommendation the interviewer never chose.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Maybe")]
    [InlineData("2")]
    [InlineData(" 3 ")]
    [InlineData("-1")]
    public void TryParse_NotARecommendation_ReturnsFalse(string? value)
    {
        var ok = RecommendationNames.TryParse(value, out _);

        Assert.False(ok);
    }

    // Enum parsing reads "Hire,NoHire" as the flags 2|1, which is StrongHire: two choices sent
    // together must be refused, not upgraded to a recommendation nobody picked.
    [Theory]
    [InlineData("Hire,NoHire")]
    [InlineData("Hire, No Hire")]
    [InlineData("StrongNoHire,Hire")]
    public void TryParse_CommaSeparatedNames_ReturnsFalse(string value)
    {
        var ok = RecommendationNames.TryParse(value, out var recommendation);

        Assert.False(ok, $"'{value}' was read as {recommendation}");
    }
}
