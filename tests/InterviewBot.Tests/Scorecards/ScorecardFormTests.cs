using InterviewBot.Domain.Scorecards;
using InterviewBot.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Scorecards;

public sealed class ScorecardFormTests
{
    [Theory]
    [InlineData("""{ "rating.ml-systems-design": "4" }""", 4)]
    [InlineData("""{ "rating.ml-systems-design": 4 }""", 4)]
    [InlineData("""{ "rating.ml-systems-design": " 2 " }""", 2)]
    [InlineData("""{ "rating.ml-systems-design": "7" }""", 7)]
    public void Read_ScoreAsStringOrNumber_IsTheScore(string json, int expected)
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse(json), TestData.Focus);

        var rating = Rating(draft, "ml-systems-design");
        Assert.Equal(expected, rating.Score);
        Assert.False(rating.NotAssessed);
    }

    [Fact]
    public void Read_NotAssessedValue_MarksTheDimensionNotAssessed()
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse("""{ "rating.mlops-operations": "na" }"""), TestData.Focus);

        var rating = Rating(draft, "mlops-operations");
        Assert.True(rating.NotAssessed);
        Assert.Null(rating.Score);
    }

    [Theory]
    [InlineData("""{ "rating.ml-systems-design": "four" }""")]
    [InlineData("""{ "rating.ml-systems-design": 4.5 }""")]
    [InlineData("""{ "rating.ml-systems-design": "" }""")]
    [InlineData("""{ "rating.ml-systems-design": null }""")]
    [InlineData("""{ "rating.ml-systems-design": ["4"] }""")]
    [InlineData("""{ "rating.ml-systems-design": { "value": 4 } }""")]
    [InlineData("""{ "rating.ml-systems-design": true }""")]
    [InlineData("""{ "rating.ml-systems-design": "NA " }""")]
    public void Read_JunkScore_LeavesTheDimensionUnrated(string json)
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse(json), TestData.Focus);

        var rating = Rating(draft, "ml-systems-design");
        Assert.Null(rating.Score);
        Assert.False(rating.NotAssessed);
    }

    [Fact]
    public void Read_NoInputs_HasAnEmptyRatingForEveryFocusDimension()
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse("""{ "interviewId": "i", "baseVersion": 0 }"""), TestData.Focus);

        Assert.Equal(TestData.Focus, draft.Ratings.Select(r => r.DimensionId));
        Assert.All(draft.Ratings, r => Assert.Equal(DimensionRating.Empty(r.DimensionId), r));
        Assert.Empty(draft.Signals);
        Assert.Null(draft.Recommendation);
        Assert.Equal(string.Empty, draft.PrivateNote);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"rating.ml-systems-design=4\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Read_DataThatIsNotAnObject_IsAnEmptyDraft(string json)
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse(json), TestData.Focus);

        Assert.All(draft.Ratings, r => Assert.Equal(DimensionRating.Empty(r.DimensionId), r));
        Assert.Empty(draft.Signals);
        Assert.Null(draft.Recommendation);
    }

    [Fact]
    public void Read_Evidence_IsKeptAsTyped()
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse("""{ "evidence.ml-systems-design": "  said \"p99 < 50 ms\"\nthen drew it  " }"""), TestData.Focus);

        Assert.Equal("  said \"p99 < 50 ms\"\nthen drew it  ", Rating(draft, "ml-systems-design").Evidence);
    }

    [Fact]
    public void Read_RatingOfANonFocusDimension_IsKeptSoTheRulesCanRefuseIt()
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse("""{ "rating.leadership": "5", "evidence.communication": "x" }"""), TestData.Focus);

        Assert.Equal(5, Rating(draft, "leadership").Score);
        Assert.Equal("x", Rating(draft, "communication").Evidence);
    }

    [Theory]
    [InlineData("""{ "signals": "pragmatic-tradeoffs,monitoring-by-default" }""", new[] { "pragmatic-tradeoffs", "monitoring-by-default" })]
    [InlineData("""{ "signals": " pragmatic-tradeoffs , ,monitoring-by-default," }""", new[] { "pragmatic-tradeoffs", "monitoring-by-default" })]
    [InlineData("""{ "signals": ["pragmatic-tradeoffs", " monitoring-by-default ", "", null, 3] }""", new[] { "pragmatic-tradeoffs", "monitoring-by-default", "3" })]
    [InlineData("""{ "signals": "" }""", new string[0])]
    [InlineData("""{ "signals": null }""", new string[0])]
    [InlineData("""{ "signals": { "a": 1 } }""", new string[0])]
    [InlineData("""{ }""", new string[0])]
    public void Read_Signals_AcceptsCommaSeparatedTextOrArrays(string json, string[] expected)
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse(json), TestData.Focus);

        Assert.Equal(expected, draft.Signals);
    }

    [Theory]
    [InlineData("Hire", Recommendation.Hire)]
    [InlineData("StrongHire", Recommendation.StrongHire)]
    [InlineData("strong no hire", Recommendation.StrongNoHire)]
    [InlineData("NoHire", Recommendation.NoHire)]
    [InlineData("1", null)]
    [InlineData("Hire,NoHire", null)]
    [InlineData("Maybe", null)]
    [InlineData("", null)]
    public void Read_Recommendation_AcceptsOnlyASingleName(string value, Recommendation? expected)
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Data("i", 0, new Dictionary<string, object?> { ["recommendation"] = value }), TestData.Focus);

        Assert.Equal(expected, draft.Recommendation);
    }

    [Fact]
    public void Read_RecommendationAsNumber_IsNotARecommendation()
    {
        var draft = ScorecardForm.Read(ScorecardInputs.Parse("""{ "recommendation": 2 }"""), TestData.Focus);

        Assert.Null(draft.Recommendation);
    }

    [Theory]
    [InlineData("""{ "baseVersion": 3 }""", 3)]
    [InlineData("""{ "baseVersion": "3" }""", 3)]
    [InlineData("""{ "baseVersion": "-1" }""", 0)]
    [InlineData("""{ "baseVersion": 3.5 }""", 0)]
    [InlineData("""{ "baseVersion": "three" }""", 0)]
    [InlineData("""{ "baseVersion": 99999999999 }""", 0)]
    [InlineData("""{ }""", 0)]
    [InlineData("""[]""", 0)]
    public void BaseVersion_NumberOrDigits_IsTheVersionElseZero(string json, int expected)
    {
        Assert.Equal(expected, ScorecardForm.BaseVersion(ScorecardInputs.Parse(json)));
    }

    [Theory]
    [InlineData("""{ "interviewId": "abc" }""", "abc")]
    [InlineData("""{ "interviewId": 12 }""", "12")]
    [InlineData("""{ "interviewId": null }""", null)]
    [InlineData("""{ "interviewId": { "id": "abc" } }""", null)]
    [InlineData("""{ }""", null)]
    public void InterviewId_Scalar_IsTheId(string json, string? expected)
    {
        Assert.Equal(expected, ScorecardForm.InterviewId(ScorecardInputs.Parse(json)));
    }

    private static DimensionRating Rating(ScorecardDraft draft, string dimensionId) =>
        Assert.Single(draft.Ratings, r => r.DimensionId == dimensionId);
}
