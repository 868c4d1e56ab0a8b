using InterviewBot.Domain.Scorecards;
using Microsoft.Extensions.Time.Testing;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Scorecards;

public sealed class ScorecardLifecycleTests
{
    private readonly FakeTimeProvider _clock = new(End.AddMinutes(5));

    [Fact]
    public void SaveDraft_FirstSave_StoresVersionOneAsDraft()
    {
        var draft = Draft().Rate(Design, 3, "Talked through the feature store.").Build();

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), null, draft, baseVersion: 0, _clock.GetUtcNow());

        var saved = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(1, saved.Version);
        Assert.Equal(ScorecardStatus.Draft, saved.Status);
        Assert.Null(saved.SubmittedAt);
        Assert.Equal(_clock.GetUtcNow(), saved.CreatedAt);
        Assert.Equal("interview-1", saved.InterviewId);
        Assert.Equal("candidate-1", saved.CandidateId);
        Assert.Equal(InterviewerId, saved.InterviewerId);
        Assert.Equal(3, saved.RatingFor(Design).Score);
    }

    [Fact]
    public void SaveDraft_IncompleteDraft_IsSavedWithoutSubmitRules()
    {
        var draft = Draft().Rate(Design, 4, evidence: string.Empty).Build();

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), null, draft, 0, _clock.GetUtcNow());

        Assert.IsType<ScorecardOutcome.Saved>(outcome);
    }

    [Fact]
    public void SaveDraft_SecondSaveFromCurrentVersion_BumpsVersionAndKeepsCreatedAt()
    {
        var current = Stored(Draft().Rate(Design, 3).Build(), ScorecardStatus.Draft, version: 1);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), current, Draft().Rate(Design, 4).Build(), baseVersion: 1, _clock.GetUtcNow());

        var saved = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(2, saved.Version);
        Assert.Equal(current.CreatedAt, saved.CreatedAt);
        Assert.Equal(_clock.GetUtcNow(), saved.UpdatedAt);
        Assert.Equal(4, saved.RatingFor(Design).Score);
    }

    [Fact]
    public void SaveDraft_RedeliveredSave_IsUnchanged()
    {
        var draft = Draft().Rate(Design, 3).Build();
        var first = ScorecardRules.SaveDraft(Template, Interview(), null, draft, 0, _clock.GetUtcNow());
        var stored = Assert.IsType<ScorecardOutcome.Saved>(first).Scorecard;

        var again = ScorecardRules.SaveDraft(Template, Interview(), stored, draft, 0, _clock.GetUtcNow());

        Assert.Same(stored, Assert.IsType<ScorecardOutcome.Unchanged>(again).Scorecard);
    }

    [Fact]
    public void SaveDraft_FromAStaleCardWithDifferentContent_ReturnsTheCurrentScorecard()
    {
        var current = Stored(Draft().Rate(Design, 3).Build(), ScorecardStatus.Draft, version: 2);

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), current, Draft().Rate(Design, 1).Build(), baseVersion: 1, _clock.GetUtcNow());

        Assert.Same(current, Assert.IsType<ScorecardOutcome.Stale>(outcome).Current);
    }

    [Fact]
    public void SaveDraft_AfterSubmit_IsRefusedAsAlreadySubmitted()
    {
        var current = Stored(CompleteDraft(), ScorecardStatus.Submitted, version: 2);

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), current, Draft().Rate(Design, 1).Build(), baseVersion: 2, _clock.GetUtcNow());

        Assert.Same(current, Assert.IsType<ScorecardOutcome.AlreadySubmitted>(outcome).Current);
    }

    [Fact]
    public void SaveDraft_ShapeError_IsRejectedAndNothingIsStored()
    {
        var draft = Draft().Rate(Design, 8).Build();

        var outcome = ScorecardRules.SaveDraft(Template, Interview(), null, draft, 0, _clock.GetUtcNow());

        var error = Assert.Single(Assert.IsType<ScorecardOutcome.Rejected>(outcome).Errors);
        Assert.Equal(ScorecardFields.Rating(Design), error.Field);
    }

    [Fact]
    public void Submit_FromDraft_MarksSubmittedWithTimeAndNextVersion()
    {
        var current = Stored(Draft().Rate(Design, 4).Build(), ScorecardStatus.Draft, version: 1);
        _clock.Advance(TimeSpan.FromHours(2));

        var outcome = ScorecardRules.Submit(Template, Interview(), current, CompleteDraft(), baseVersion: 1, _clock.GetUtcNow());

        var submitted = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(ScorecardStatus.Submitted, submitted.Status);
        Assert.Equal(_clock.GetUtcNow(), submitted.SubmittedAt);
        Assert.Equal(2, submitted.Version);
        Assert.Equal(Recommendation.Hire, submitted.Recommendation);
    }

    [Fact]
    public void Submit_WithoutAnyDraft_StoresVersionOneSubmitted()
    {
        var outcome = ScorecardRules.Submit(Template, Interview(), null, CompleteDraft(), baseVersion: 0, _clock.GetUtcNow());

        var submitted = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(1, submitted.Version);
        Assert.Equal(ScorecardStatus.Submitted, submitted.Status);
    }

    [Fact]
    public void Submit_SameContentAsTheSavedDraft_StillSubmits()
    {
        var current = Stored(CompleteDraft(), ScorecardStatus.Draft, version: 3);

        var outcome = ScorecardRules.Submit(Template, Interview(), current, CompleteDraft(), baseVersion: 3, _clock.GetUtcNow());

        var submitted = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(ScorecardStatus.Submitted, submitted.Status);
        Assert.Equal(4, submitted.Version);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void Submit_RepeatedIdenticalSubmit_IsUnchanged(int baseVersion)
    {
        var first = ScorecardRules.Submit(Template, Interview(), Stored(Draft().Build(), ScorecardStatus.Draft, 1), CompleteDraft(), 1, _clock.GetUtcNow());
        var stored = Assert.IsType<ScorecardOutcome.Saved>(first).Scorecard;
        _clock.Advance(TimeSpan.FromSeconds(3));

        var again = ScorecardRules.Submit(Template, Interview(), stored, CompleteDraft(), baseVersion, _clock.GetUtcNow());

        var unchanged = Assert.IsType<ScorecardOutcome.Unchanged>(again).Scorecard;
        Assert.Same(stored, unchanged);
        Assert.Equal(2, unchanged.Version);
    }

    [Fact]
    public void Submit_RepeatedWithDifferentWhitespace_IsUnchanged()
    {
        var stored = Assert.IsType<ScorecardOutcome.Saved>(
            ScorecardRules.Submit(Template, Interview(), null, CompleteDraft(), 0, _clock.GetUtcNow())).Scorecard;
        var padded = CompleteDraft() with
        {
            Ratings = [.. CompleteDraft().Ratings.Select(r => r with { Evidence = "  " + r.Evidence + "\n" })],
        };

        var again = ScorecardRules.Submit(Template, Interview(), stored, padded, 0, _clock.GetUtcNow());

        Assert.IsType<ScorecardOutcome.Unchanged>(again);
    }

    [Fact]
    public void Submit_FromAStaleCardWithDifferentContent_ReturnsTheCurrentScorecard()
    {
        var current = Stored(CompleteDraft(), ScorecardStatus.Submitted, version: 3);
        var older = CompleteDraft() with { Recommendation = Recommendation.NoHire };

        var outcome = ScorecardRules.Submit(Template, Interview(), current, older, baseVersion: 2, _clock.GetUtcNow());

        Assert.Same(current, Assert.IsType<ScorecardOutcome.Stale>(outcome).Current);
    }

    [Fact]
    public void Submit_StaleCardOverADraft_ReturnsTheCurrentScorecard()
    {
        var current = Stored(Draft().Rate(Design, 2).Build(), ScorecardStatus.Draft, version: 2);

        var outcome = ScorecardRules.Submit(Template, Interview(), current, CompleteDraft(), baseVersion: 1, _clock.GetUtcNow());

        Assert.Same(current, Assert.IsType<ScorecardOutcome.Stale>(outcome).Current);
    }

    [Fact]
    public void Submit_EditAfterSubmitFromCurrentVersion_SavesTheEditAsSubmittedNextVersion()
    {
        var current = Stored(CompleteDraft(), ScorecardStatus.Submitted, version: 2, submittedAt: End.AddHours(1));
        var edited = CompleteDraft() with { Recommendation = Recommendation.StrongHire };
        _clock.Advance(TimeSpan.FromHours(5));

        var outcome = ScorecardRules.Submit(Template, Interview(), current, edited, baseVersion: 2, _clock.GetUtcNow());

        var saved = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal(ScorecardStatus.Submitted, saved.Status);
        Assert.Equal(3, saved.Version);
        Assert.Equal(Recommendation.StrongHire, saved.Recommendation);
        Assert.Equal(_clock.GetUtcNow(), saved.UpdatedAt);
    }

    [Fact]
    public void Submit_IncompleteDraft_IsRejectedWithEveryErrorAndNoScorecard()
    {
        var draft = Draft().Rate(Design, 4, evidence: " ").Signal("nope").Build();

        var outcome = ScorecardRules.Submit(Template, Interview(), null, draft, 0, _clock.GetUtcNow());

        var rejected = Assert.IsType<ScorecardOutcome.Rejected>(outcome);
        Assert.Equal(
            [ScorecardFields.Signals, ScorecardFields.Evidence(Design), ScorecardFields.Rating(MlOps), ScorecardFields.Recommendation],
            rejected.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Submit_InvalidEditAfterSubmit_IsRejectedAndTheSubmissionStands()
    {
        var current = Stored(CompleteDraft(), ScorecardStatus.Submitted, version: 2);
        var broken = CompleteDraft() with { Recommendation = null };

        var outcome = ScorecardRules.Submit(Template, Interview(), current, broken, baseVersion: 2, _clock.GetUtcNow());

        var error = Assert.Single(Assert.IsType<ScorecardOutcome.Rejected>(outcome).Errors);
        Assert.Equal(ScorecardFields.Recommendation, error.Field);
    }

    [Fact]
    public void Submit_StoredScorecard_HoldsTheNormalizedDraft()
    {
        var draft = Draft()
            .Rate(MlOps, 3, "  Drift alerts.  ")
            .Rate(Design, 4, "Clear trade-offs.")
            .Signal("pragmatic-tradeoffs", "shipped-ml-in-production")
            .Recommend(Recommendation.Hire)
            .Note("  follow up on on-call  ")
            .Build();

        var outcome = ScorecardRules.Submit(Template, Interview(), null, draft, 0, _clock.GetUtcNow());

        var saved = Assert.IsType<ScorecardOutcome.Saved>(outcome).Scorecard;
        Assert.Equal([Design, MlOps], saved.Ratings.Select(r => r.DimensionId));
        Assert.Equal("Drift alerts.", saved.RatingFor(MlOps).Evidence);
        Assert.Equal(["shipped-ml-in-production", "pragmatic-tradeoffs"], saved.Signals);
        Assert.Equal("follow up on on-call", saved.PrivateNote);
    }

    [Fact]
    public void From_StoredScorecard_RoundTripsToAnUnchangedSubmit()
    {
        var stored = Assert.IsType<ScorecardOutcome.Saved>(
            ScorecardRules.Submit(Template, Interview(), null, CompleteDraft(), 0, _clock.GetUtcNow())).Scorecard;

        var outcome = ScorecardRules.Submit(Template, Interview(), stored, ScorecardDraft.From(stored), stored.Version, _clock.GetUtcNow());

        Assert.IsType<ScorecardOutcome.Unchanged>(outcome);
    }
}
