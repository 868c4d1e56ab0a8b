using InterviewBot.Domain.Scorecards;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Scorecards;

public sealed class ScorecardValidationTests
{
    [Fact]
    public void ValidateForSubmit_CompleteDraft_HasNoErrors()
    {
        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), CompleteDraft());

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateForSubmit_FocusDimensionLeftBlank_AsksToRateItOrMarkItNotAssessed()
    {
        var draft = Draft().Rate(Design, 4).Recommend(Recommendation.Hire).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Rating(MlOps), error.Field);
        Assert.Contains("MLOps & operations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateForSubmit_NotAssessedWithoutEvidence_IsAccepted()
    {
        var draft = Draft().Rate(Design, 2).NotAssessed(MlOps).Recommend(Recommendation.NoHire).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateForSubmit_EveryDimensionNotAssessed_IsAcceptedWithARecommendation()
    {
        var draft = Draft().NotAssessed(Design).NotAssessed(MlOps).Recommend(Recommendation.StrongNoHire).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ValidateForSubmit_ScoreWithoutEvidence_AsksForEvidenceOnThatDimension(string evidence)
    {
        var draft = Draft().Rate(Design, 5, evidence).NotAssessed(MlOps).Recommend(Recommendation.StrongHire).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Evidence(Design), error.Field);
        Assert.Contains("ML systems design", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateForSubmit_NoRecommendation_AsksForOne()
    {
        var draft = Draft().Rate(Design, 3).Rate(MlOps, 3).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Recommendation, error.Field);
    }

    [Fact]
    public void ValidateForSubmit_EmptyDraft_ReportsEveryMissingFieldAtOnce()
    {
        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), Draft().Build());

        Assert.Equal(
            [ScorecardFields.Rating(Design), ScorecardFields.Rating(MlOps), ScorecardFields.Recommendation],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void ValidateForSubmit_ShapeErrors_AreIncludedToo()
    {
        var draft = Draft().Rate(Design, 9).Rate(MlOps, 3).Signal("not-a-signal").Recommend(Recommendation.Hire).Build();

        var errors = ScorecardRules.ValidateForSubmit(Template, Interview(), draft);

        Assert.Contains(errors, e => e.Field == ScorecardFields.Rating(Design));
        Assert.Contains(errors, e => e.Field == ScorecardFields.Signals);
    }

    [Fact]
    public void ValidateShape_PartialDraft_HasNoErrors()
    {
        var draft = Draft().Rate(Design, 4, evidence: string.Empty).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void ValidateShape_ScoreOutOfRange_ReportsOnTheRating(int score)
    {
        var draft = Draft().Rate(Design, score).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Rating(Design), error.Field);
        Assert.Contains("1 to 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ValidateShape_ScoreAtTheEdgesOfTheRubric_IsAccepted(int score)
    {
        var draft = Draft().Rate(Design, score).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateShape_ScoreAndNotAssessedTogether_ReportsOnTheRating()
    {
        var draft = Draft().Rating(new DimensionRating(Design, 3, NotAssessed: true, "Some evidence.")).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Rating(Design), error.Field);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateShape_DimensionOutsideTheInterviewsFocus_ReportsOnThatRating()
    {
        // Independent scoring means an interviewer only rates what their exercise covered.
        var draft = Draft().Rate(Communication, 4).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Rating(Communication), error.Field);
    }

    [Fact]
    public void ValidateShape_UnknownSignal_ReportsOnSignalsNamingIt()
    {
        var draft = Draft().Signal("monitoring-by-default", "likes-cats").Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Signals, error.Field);
        Assert.Contains("likes-cats", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("monitoring-by-default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateShape_EvidenceAtTheLimit_IsAccepted()
    {
        var draft = Draft().Rate(Design, 4, new string('e', ScorecardLimits.EvidenceMaxLength)).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateShape_EvidenceOverTheLimit_ReportsOnThatEvidenceWithItsLength()
    {
        var draft = Draft().Rate(Design, 4, new string('e', 4001)).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Evidence(Design), error.Field);
        Assert.Contains("4000", error.Message, StringComparison.Ordinal);
        Assert.Contains("4001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateShape_PrivateNoteAtTheLimit_IsAccepted()
    {
        var draft = Draft().Note(new string('n', ScorecardLimits.PrivateNoteMaxLength)).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateShape_PrivateNoteOverTheLimit_ReportsOnTheNote()
    {
        var draft = Draft().Note(new string('n', 2001)).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.PrivateNote, error.Field);
        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
    }

    // The card shows an error next to the input whose id equals the error's field, so a
    // rating entered twice must be reported on that rating, not on an unrelated input.
    [Fact]
    public void ValidateShape_DimensionRatedTwice_ReportsOnThatRating()
    {
        var draft = Draft().Rate(Design, 2).Rate(Design, 4).Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        var error = Assert.Single(errors);
        Assert.Equal(ScorecardFields.Rating(Design), error.Field);
    }

    [Fact]
    public void ValidateShape_SeveralProblems_ReportsAllOfThemAtOnce()
    {
        var draft = Draft()
            .Rate(Design, 7)
            .Rate(MlOps, 3, new string('e', 4001))
            .Rate(Communication, 4)
            .Signal("nope")
            .Note(new string('n', 2001))
            .Build();

        var errors = ScorecardRules.ValidateShape(Template, Interview(), draft);

        Assert.Equal(
            [
                ScorecardFields.Rating(Design),
                ScorecardFields.Evidence(MlOps),
                ScorecardFields.Rating(Communication),
                ScorecardFields.Signals,
                ScorecardFields.PrivateNote,
            ],
            errors.Select(e => e.Field));
    }

    // Cards already sitting in interviewers' chats post these input ids back, so they must not drift.
    [Fact]
    public void ScorecardFields_Names_AreTheCardInputIds()
    {
        Assert.Equal("rating.ml-systems-design", ScorecardFields.Rating(Design));
        Assert.Equal("evidence.ml-systems-design", ScorecardFields.Evidence(Design));
        Assert.Equal("recommendation", ScorecardFields.Recommendation);
        Assert.Equal("signals", ScorecardFields.Signals);
        Assert.Equal("privateNote", ScorecardFields.PrivateNote);
    }
}
