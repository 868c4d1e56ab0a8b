using InterviewBot.Domain.Scorecards;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Scorecards;

public sealed class ScorecardNormalizeTests
{
    [Fact]
    public void Normalize_PaddedText_IsTrimmed()
    {
        var draft = Draft().Rate(Design, 4, "\n  Sized the cache from p99.  \t").Note("  check references ").Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal("Sized the cache from p99.", normalized.Ratings.Single().Evidence);
        Assert.Equal("check references", normalized.PrivateNote);
    }

    [Fact]
    public void Normalize_RatingsInAnyOrder_AreOrderedByTheInterviewsFocus()
    {
        var interview = Interview(Communication, Design, MlOps);
        var draft = Draft().Rate(MlOps, 2).Rate(Design, 3).Rate(Communication, 4).Build();

        var normalized = ScorecardRules.Normalize(Template, interview, draft);

        Assert.Equal([Communication, Design, MlOps], normalized.Ratings.Select(r => r.DimensionId));
    }

    [Fact]
    public void Normalize_SignalsInAnyOrder_AreOrderedAsInTheTemplate()
    {
        var draft = Draft().Signal("blames-stakeholders", "accuracy-only", "shipped-ml-in-production").Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal(["shipped-ml-in-production", "accuracy-only", "blames-stakeholders"], normalized.Signals);
    }

    [Fact]
    public void Normalize_RepeatedAndBlankSignals_AreRemoved()
    {
        var draft = Draft().Signal("accuracy-only", " accuracy-only ", "", "  ", "accuracy-only").Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal(["accuracy-only"], normalized.Signals);
    }

    [Fact]
    public void Normalize_UnknownSignal_IsKeptAtTheEndSoValidationReportsIt()
    {
        var draft = Draft().Signal("zzz-unknown", "concrete-incidents").Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal(["concrete-incidents", "zzz-unknown"], normalized.Signals);
        Assert.Single(ScorecardRules.ValidateShape(Template, Interview(), normalized));
    }

    [Fact]
    public void Normalize_UntouchedFocusRating_IsDropped()
    {
        var draft = Draft().Rating(new DimensionRating(MlOps, null, false, "   ")).Rate(Design, 3).Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal([Design], normalized.Ratings.Select(r => r.DimensionId));
    }

    [Fact]
    public void Normalize_NotAssessedOrEvidenceOnly_IsKept()
    {
        var draft = Draft().NotAssessed(MlOps).Rating(new DimensionRating(Design, null, false, "Notes before scoring.")).Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal([Design, MlOps], normalized.Ratings.Select(r => r.DimensionId));
    }

    [Fact]
    public void Normalize_RatingOutsideFocus_IsKeptSoValidationRejectsIt()
    {
        var draft = Draft().Rating(DimensionRating.Empty(Communication)).Build();

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal([Communication], normalized.Ratings.Select(r => r.DimensionId));
    }

    [Fact]
    public void Normalize_NullTextFromALooseClient_BecomesEmpty()
    {
        var draft = new ScorecardDraft([new DimensionRating(Design, 3, false, null!)], [], null, null!);

        var normalized = ScorecardRules.Normalize(Template, Interview(), draft);

        Assert.Equal(string.Empty, normalized.Ratings.Single().Evidence);
        Assert.Equal(string.Empty, normalized.PrivateNote);
    }

    [Fact]
    public void Normalize_AlreadyNormalDraft_IsEqualContent()
    {
        var once = ScorecardRules.Normalize(Template, Interview(), CompleteDraft());

        var twice = ScorecardRules.Normalize(Template, Interview(), once);

        Assert.Equal(once.Ratings, twice.Ratings);
        Assert.Equal(once.Signals, twice.Signals);
        Assert.Equal(once.PrivateNote, twice.PrivateNote);
        Assert.Equal(once.Recommendation, twice.Recommendation);
    }
}
