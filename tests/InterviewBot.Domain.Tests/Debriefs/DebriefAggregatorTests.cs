using System.Text.Json;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using static InterviewBot.Domain.Tests.Build;
using static InterviewBot.Domain.Tests.Debriefs.DebriefLoop;

namespace InterviewBot.Domain.Tests.Debriefs;

public sealed class DebriefAggregatorTests
{
    private readonly DebriefLoop _loop = new();

    [Fact]
    public void Aggregate_TiedRecommendations_TallyKeepsItsFixedOrderAndNamesEveryone()
    {
        var ana = _loop.Interview("Ana");
        var ben = _loop.Interview("Ben");
        var cem = _loop.Interview("Cem");
        var dee = _loop.Interview("Dee");
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 2).Recommend(Recommendation.NoHire));
        _loop.Submit(cem, Draft().Rate(Design, 2).Recommend(Recommendation.NoHire));
        _loop.Submit(dee, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.Equal(
            [Recommendation.StrongHire, Recommendation.Hire, Recommendation.NoHire, Recommendation.StrongNoHire],
            debrief.Recommendations.Select(r => r.Recommendation));
        Assert.Equal([0, 2, 2, 0], debrief.Recommendations.Select(r => r.Count));
        Assert.Equal(["Ana", "Dee"], Names(debrief.Recommendations[1].By));
        Assert.Equal(["Ben", "Cem"], Names(debrief.Recommendations[2].By));
    }

    [Fact]
    public void Aggregate_SingleInterviewer_MeanMinAndMaxAreTheirScoreWithNoDisagreement()
    {
        var ana = _loop.Interview("Ana", Design, MlOps);
        _loop.Submit(ana, Draft().Rate(Design, 4, "Sized the cache from p99 latency.").NotAssessed(MlOps).Recommend(Recommendation.StrongHire));

        var debrief = _loop.Aggregate();

        var design = Dimension(debrief, Design);
        Assert.Equal(4.0, design.Mean);
        Assert.Equal(4, design.Min);
        Assert.Equal(4, design.Max);
        Assert.False(design.HasDisagreement);
        var entry = Assert.Single(design.Entries);
        Assert.Equal("Ana", entry.Panelist.Interviewer.Name);
        Assert.Equal(4, entry.Score);
        Assert.Equal("Sized the cache from p99 latency.", entry.Excerpt);
        var mlops = Dimension(debrief, MlOps);
        Assert.Null(mlops.Mean);
        Assert.Equal(1, mlops.NotAssessedCount);
        Assert.True(Assert.Single(mlops.Entries).NotAssessed);
        Assert.Equal(1, debrief.Recommendations.Single(r => r.Recommendation == Recommendation.StrongHire).Count);
        Assert.False(debrief.IsPartial);
        Assert.Equal(1, debrief.Completion.Expected);
        Assert.Equal(1, debrief.Completion.Submitted);
    }

    [Fact]
    public void Aggregate_EveryDimensionNotAssessed_HasNoMeansAndEveryTemplateDimensionIsAGap()
    {
        var ana = _loop.Interview("Ana", Design, MlOps);
        var ben = _loop.Interview("Ben", Design, Communication);
        _loop.Submit(ana, Draft().NotAssessed(Design).NotAssessed(MlOps).Recommend(Recommendation.NoHire));
        _loop.Submit(ben, Draft().NotAssessed(Design).NotAssessed(Communication).Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.All(debrief.Dimensions, d => Assert.Null(d.Mean));
        Assert.All(debrief.Dimensions, d => Assert.Null(d.Min));
        Assert.All(debrief.Dimensions, d => Assert.False(d.HasDisagreement));
        Assert.Equal(2, Dimension(debrief, Design).NotAssessedCount);
        Assert.Equal(Template.Dimensions.Select(d => d.Id), debrief.CoverageGaps.Select(g => g.DimensionId));
        Assert.Equal(CoverageGapReason.MarkedNotAssessed, Gap(debrief, Design).Reason);
        Assert.Equal(2, Gap(debrief, Design).NotAssessedCount);
        Assert.Equal(CoverageGapReason.MarkedNotAssessed, Gap(debrief, Communication).Reason);
        Assert.Equal(CoverageGapReason.NotInAnyFocus, Gap(debrief, Leadership).Reason);
        Assert.Equal([0, 1, 1, 0], debrief.Recommendations.Select(r => r.Count));
    }

    [Fact]
    public void Aggregate_ScoresOnePointApart_IsNotADisagreement()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        _loop.Submit(ana, Draft().Rate(Design, 3).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 4).Recommend(Recommendation.StrongHire));

        var design = Dimension(_loop.Aggregate(), Design);

        Assert.Equal(3.5, design.Mean);
        Assert.Equal(3, design.Min);
        Assert.Equal(4, design.Max);
        Assert.False(design.HasDisagreement);
        Assert.Empty(design.Disagreements);
    }

    [Fact]
    public void Aggregate_ScoresTwoPointsApart_IsADisagreement()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        var cem = _loop.Interview("Cem", Design);
        _loop.Submit(ana, Draft().Rate(Design, 3).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.Submit(cem, Draft().Rate(Design, 5).Recommend(Recommendation.StrongHire));

        var design = Dimension(_loop.Aggregate(), Design);

        Assert.True(design.HasDisagreement);
        Assert.Equal([DisagreementReason.ScoreSpread], design.Disagreements);
        Assert.Equal(4.0, design.Mean);
    }

    [Fact]
    public void Aggregate_HireAndNoHireScoreTheSameDimension_IsADisagreementEvenWithEqualScores()
    {
        var ana = _loop.Interview("Ana", Design, MlOps);
        var ben = _loop.Interview("Ben", Design, MlOps);
        _loop.Submit(ana, Draft().Rate(Design, 3).NotAssessed(MlOps).Recommend(Recommendation.StrongHire));
        _loop.Submit(ben, Draft().Rate(Design, 3).Rate(MlOps, 2).Recommend(Recommendation.NoHire));

        var debrief = _loop.Aggregate();

        Assert.Equal([DisagreementReason.HireAndNoHire], Dimension(debrief, Design).Disagreements);
        // On MLOps only the No Hire interviewer gave a score, so the two recommendations do not meet there.
        Assert.False(Dimension(debrief, MlOps).HasDisagreement);
    }

    [Fact]
    public void Aggregate_SpreadAndHireVersusNoHire_ReportsBothReasons()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        _loop.Submit(ana, Draft().Rate(Design, 5).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 1).Recommend(Recommendation.StrongNoHire));

        var design = Dimension(_loop.Aggregate(), Design);

        Assert.Equal([DisagreementReason.ScoreSpread, DisagreementReason.HireAndNoHire], design.Disagreements);
    }

    [Fact]
    public void Aggregate_DimensionsNobodyScored_AreCoverageGapsWithTheirReason()
    {
        var ana = _loop.Interview("Ana", Design, MlOps);
        var ben = _loop.Interview("Ben", Communication, Leadership);
        var cem = _loop.Interview("Cem", Production, Judgment);
        _loop.Submit(ana, Draft().Rate(Design, 4).NotAssessed(MlOps).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Communication, 4).Rate(Leadership, 3).Recommend(Recommendation.Hire));
        _ = cem; // No scorecard yet.

        var debrief = _loop.Aggregate();

        Assert.Equal([Production, Judgment, MlOps, Data], debrief.CoverageGaps.Select(g => g.DimensionId));
        Assert.Equal(CoverageGapReason.AwaitingScorecards, Gap(debrief, Production).Reason);
        Assert.Equal(1, Gap(debrief, Production).AwaitingCount);
        Assert.Equal(CoverageGapReason.MarkedNotAssessed, Gap(debrief, MlOps).Reason);
        Assert.Equal(CoverageGapReason.NotInAnyFocus, Gap(debrief, Data).Reason);
        Assert.Equal("Data engineering collaboration", Gap(debrief, Data).Name);
    }

    [Theory]
    [InlineData(4, 15, 4, false)]
    [InlineData(5, 15, 4, true)]
    [InlineData(5, 374, 100, false)]
    public void Aggregate_LenientInterviewer_IsMarkedOnlyWithFiveScorecardsAndAtLeast075AboveEveryone(int scorecards, int ownSum, int ownCount, bool marked)
    {
        _loop.History = History("aad-1", scorecards, new ScoreTally(ownSum, ownCount), everyone: new ScoreTally(300, 100));
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 5).Recommend(Recommendation.Hire));

        var hint = Assert.Single(Dimension(_loop.Aggregate(), Design).Entries).Calibration;

        if (marked)
        {
            Assert.NotNull(hint);
            Assert.Equal(CalibrationTendency.MoreLenient, hint.Tendency);
            Assert.Equal(3.75, hint.InterviewerMean);
            Assert.Equal(3.0, hint.OverallMean);
            Assert.Equal(5, hint.InterviewerScorecards);
        }
        else
        {
            Assert.Null(hint);
        }
    }

    [Theory]
    [InlineData(4, 9, 4, false)]
    [InlineData(5, 9, 4, true)]
    [InlineData(5, 226, 100, false)]
    public void Aggregate_HarshInterviewer_IsMarkedOnlyWithFiveScorecardsAndAtLeast075BelowEveryone(int scorecards, int ownSum, int ownCount, bool marked)
    {
        _loop.History = History("aad-1", scorecards, new ScoreTally(ownSum, ownCount), everyone: new ScoreTally(300, 100));
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 2).Recommend(Recommendation.NoHire));

        var hint = Assert.Single(Dimension(_loop.Aggregate(), Design).Entries).Calibration;

        Assert.Equal(marked ? CalibrationTendency.Harsher : null, hint?.Tendency);
    }

    [Fact]
    public void Aggregate_InterviewerWithHistoryOnAnotherDimensionOnly_IsNotMarked()
    {
        _loop.History = History("aad-1", 8, new ScoreTally(8, 8), everyone: new ScoreTally(300, 100), dimension: Communication);
        var ana = _loop.Interview("Ana", Design, Communication);
        _loop.Submit(ana, Draft().Rate(Design, 1).Rate(Communication, 1).Recommend(Recommendation.NoHire));

        var debrief = _loop.Aggregate();

        Assert.Null(Assert.Single(Dimension(debrief, Design).Entries).Calibration);
        Assert.Equal(CalibrationTendency.Harsher, Assert.Single(Dimension(debrief, Communication).Entries).Calibration?.Tendency);
    }

    [Fact]
    public void Aggregate_NotAssessedEntry_CarriesNoCalibrationHint()
    {
        _loop.History = History("aad-1", 8, new ScoreTally(8, 8), everyone: new ScoreTally(300, 100));
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().NotAssessed(Design).Recommend(Recommendation.Hire));

        Assert.Null(Assert.Single(Dimension(_loop.Aggregate(), Design).Entries).Calibration);
    }

    [Fact]
    public void Aggregate_CalibrationLooksUpInterviewerIdsWithoutRegardToCase()
    {
        _loop.History = History("AAD-1", 5, new ScoreTally(5, 5), everyone: new ScoreTally(300, 100));
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 1).Recommend(Recommendation.NoHire));

        Assert.Equal(CalibrationTendency.Harsher, Assert.Single(Dimension(_loop.Aggregate(), Design).Entries).Calibration?.Tendency);
    }

    [Fact]
    public void Aggregate_Drafts_AreLeftOutEntirely()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.SaveDraft(ben, Draft().Rate(Design, 1, "DRAFT-ONLY evidence").Signal("blames-stakeholders", "accuracy-only").Recommend(Recommendation.StrongNoHire));

        var debrief = _loop.Aggregate();

        var design = Dimension(debrief, Design);
        Assert.Equal(["Ana"], design.Entries.Select(e => e.Panelist.Interviewer.Name));
        Assert.Equal(4.0, design.Mean);
        Assert.Equal(0, debrief.Recommendations.Single(r => r.Recommendation == Recommendation.StrongNoHire).Count);
        Assert.Empty(debrief.RedFlags);
        Assert.Empty(debrief.WeakSignals);
        Assert.Equal("Ben", Assert.Single(debrief.Completion.Missing).Panelist.Interviewer.Name);
        Assert.False(debrief.Versions.ContainsKey(ben.Id));
        Assert.DoesNotContain("DRAFT-ONLY", Serialize(debrief), StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_PrivateNotes_NeverReachTheAggregate()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Signal("claims-perfect-results").Recommend(Recommendation.Hire).Note("PRIVATE-NOTE-ANA probe leadership"));
        _loop.SaveDraft(ben, Draft().Rate(Design, 2).Note("PRIVATE-NOTE-BEN"));

        var json = Serialize(_loop.Aggregate());

        Assert.DoesNotContain("PRIVATE-NOTE", json, StringComparison.Ordinal);
        Assert.Contains("Walked through a concrete example.", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_InterviewThatDidNotHappen_IsListedWithItsReasonAndNotAwaited()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Communication);
        var cem = _loop.Interview("Cem", Leadership);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.MarkNotHeld(ben, NotHeldReason.NoShow);
        _loop.MarkNotHeld(cem, NotHeldReason.Rescheduled);

        var debrief = _loop.Aggregate();

        Assert.Equal(1, debrief.Completion.Expected);
        Assert.Equal(1, debrief.Completion.Submitted);
        Assert.Empty(debrief.Completion.Missing);
        Assert.False(debrief.IsPartial);
        Assert.Equal([("Ben", NotHeldReason.NoShow), ("Cem", NotHeldReason.Rescheduled)], debrief.NotHeld.Select(n => (n.Panelist.Interviewer.Name, n.Reason)));
        Assert.Equal(CoverageGapReason.NotInAnyFocus, Gap(debrief, Communication).Reason);
    }

    [Fact]
    public void Aggregate_ScorecardOfAnInterviewThatDidNotHappen_DoesNotCount()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 1).Recommend(Recommendation.StrongNoHire));
        _loop.MarkNotHeld(ben, NotHeldReason.Cancelled);

        var debrief = _loop.Aggregate();

        Assert.Equal(4.0, Dimension(debrief, Design).Mean);
        Assert.Equal(0, debrief.Recommendations.Single(r => r.Recommendation == Recommendation.StrongNoHire).Count);
        Assert.Equal(new Dictionary<string, int> { [ana.Id] = 1 }, debrief.Versions);
    }

    [Fact]
    public void Aggregate_MissingScorecards_SayWhoAndHowLate()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.ExerciseInterview("Ben", "hands-on-coding");
        var later = _loop.Add(ben with { Id = "interview-late", Interviewer = new Person("aad-9", "Zoe"), Start = _loop.Now.AddHours(1), End = _loop.Now.AddHours(2), FeedbackDue = _loop.Now.AddHours(26) });
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.True(debrief.IsPartial);
        Assert.Equal(3, debrief.Completion.Expected);
        Assert.Equal(1, debrief.Completion.Submitted);
        var missing = debrief.Completion.Missing;
        Assert.Equal(["Ben", "Zoe"], missing.Select(m => m.Panelist.Interviewer.Name));
        Assert.Equal("Hands-on coding exercise", missing[0].Panelist.ExerciseName);
        Assert.Equal(ben.FeedbackDue, missing[0].FeedbackDue);
        Assert.Equal(_loop.Now - ben.FeedbackDue, missing[0].Late);
        Assert.True(missing[0].IsLate);
        Assert.Equal(TimeSpan.Zero, missing[1].Late);
        Assert.False(missing[1].IsLate);
        Assert.Equal(later.End, debrief.LastInterviewEnd);
    }

    [Fact]
    public void Aggregate_ScorecardChangedAfterPosting_IsPointedOut()
    {
        var ana = _loop.Interview("Ana", Design);
        var ben = _loop.Interview("Ben", Design);
        var cem = _loop.Interview("Cem", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.Submit(ben, Draft().Rate(Design, 3).Recommend(Recommendation.Hire));
        _loop.LastPosting = _loop.Aggregate().ToPosting(_loop.Now);
        _loop.Now = _loop.Now.AddHours(3);
        var edited = _loop.Submit(ben, Draft().Rate(Design, 2).Recommend(Recommendation.NoHire));
        _loop.Submit(cem, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.True(debrief.ChangedSincePosted);
        Assert.Equal([("Ben", (int?)1, 2), ("Cem", null, 1)], debrief.ChangedAfterPosting.Select(c => (c.Panelist.Interviewer.Name, c.PostedVersion, c.CurrentVersion)));
        Assert.Equal(edited.UpdatedAt, debrief.ChangedAfterPosting[0].ChangedAt);
        Assert.Equal(new Dictionary<string, int> { [ana.Id] = 1, [ben.Id] = 2, [cem.Id] = 1 }, debrief.Versions);
        Assert.Equal(2, Dimension(debrief, Design).Entries.Single(e => e.Panelist.Interviewer.Name == "Ben").Score);
    }

    [Fact]
    public void Aggregate_NothingChangedSincePosting_PointsOutNothing()
    {
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        _loop.SaveDraft(_loop.Interview("Ben", Design), Draft().Rate(Design, 2));
        _loop.LastPosting = _loop.Aggregate().ToPosting(_loop.Now);

        var debrief = _loop.Aggregate();

        Assert.False(debrief.ChangedSincePosted);
        Assert.True(_loop.LastPosting.Partial);
    }

    [Fact]
    public void Aggregate_NeverPosted_PointsOutNothing()
    {
        _loop.Submit(_loop.Interview("Ana", Design), Draft().Rate(Design, 4).Recommend(Recommendation.Hire));

        Assert.Empty(_loop.Aggregate().ChangedAfterPosting);
    }

    [Fact]
    public void Aggregate_ResubmittedScorecard_CountsOnlyTheLatestVersion()
    {
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 2).Recommend(Recommendation.NoHire));
        _loop.Submit(ana, Draft().Rate(Design, 5).Recommend(Recommendation.StrongHire));

        var debrief = _loop.Aggregate();

        Assert.Equal(5, Assert.Single(Dimension(debrief, Design).Entries).Score);
        Assert.Equal([1, 0, 0, 0], debrief.Recommendations.Select(r => r.Count));
        Assert.Equal(2, debrief.Versions[ana.Id]);
    }

    [Fact]
    public void Aggregate_RedFlags_NameWhoRaisedThemWithTheirOwnEvidence()
    {
        var ana = _loop.Interview("Ana", Design, MlOps);
        var ben = _loop.Interview("Ben", Design);
        var cem = _loop.Interview("Cem", Design);
        _loop.Submit(ana, Draft().Rate(Design, 2, "Said the model never fails in production.").Rate(MlOps, 1, "No rollback plan at all.").Signal("claims-perfect-results", "ships-without-guardrails", "accuracy-only").Recommend(Recommendation.NoHire));
        _loop.Submit(ben, Draft().Rate(Design, 3, "Reasonable design.").Signal("claims-perfect-results", "pragmatic-tradeoffs").Recommend(Recommendation.Hire));
        _loop.Submit(cem, Draft().Rate(Design, 4, "Clear trade-offs.").Signal("pragmatic-tradeoffs").Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.Equal(["claims-perfect-results", "ships-without-guardrails"], debrief.RedFlags.Select(f => f.SignalId));
        var perfect = debrief.RedFlags[0];
        Assert.Equal(Template.FindSignal("claims-perfect-results")!.Text, perfect.Text);
        Assert.Equal(["Ana", "Ben"], perfect.Reports.Select(r => r.RaisedBy.Interviewer.Name));
        Assert.Equal(
            [(Design, "ML systems design", (int?)2, "Said the model never fails in production."), (MlOps, "MLOps & operations", 1, "No rollback plan at all.")],
            perfect.Reports[0].Evidence.Select(e => (e.DimensionId, e.DimensionName, e.Score, e.Excerpt)));
        Assert.Equal(["Reasonable design."], perfect.Reports[1].Evidence.Select(e => e.Excerpt));
        var strong = Assert.Single(debrief.StrongSignals);
        Assert.Equal(("pragmatic-tradeoffs", SignalKind.Strong), (strong.SignalId, strong.Kind));
        Assert.Equal(["Ben", "Cem"], Names(strong.By));
        var weak = Assert.Single(debrief.WeakSignals);
        Assert.Equal(["Ana"], Names(weak.By));
    }

    [Fact]
    public void Aggregate_InterviewsInAnyOrder_ListsInterviewersByStartThenName()
    {
        var bea = _loop.Interview("Bea", Design);
        var ana = _loop.Interview("Ana", Design);
        var zoe = _loop.Add(ana with { Id = "interview-z", Interviewer = new Person("aad-z", "Zoe"), Start = bea.Start.AddHours(-1) });
        var cem = _loop.Add(ana with { Id = "interview-c", Interviewer = new Person("aad-c", "Cem") });
        foreach (var interview in new[] { cem, zoe, ana, bea })
        {
            _loop.Submit(interview, Draft().Rate(Design, 3).Recommend(Recommendation.Hire));
        }

        var debrief = _loop.Aggregate();

        Assert.Equal(["Zoe", "Bea", "Ana", "Cem"], Dimension(debrief, Design).Entries.Select(e => e.Panelist.Interviewer.Name));
        Assert.Equal(["Zoe", "Bea", "Ana", "Cem"], Names(debrief.Recommendations[1].By));
        Assert.Equal(zoe.Start, debrief.FirstInterviewStart);
    }

    [Fact]
    public void Aggregate_Dimensions_FollowTheTemplateOrder()
    {
        var ana = _loop.Interview("Ana", Leadership, Design);
        _loop.Submit(ana, Draft().Rate(Leadership, 3).Rate(Design, 4).Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        Assert.Equal(Template.Dimensions.Select(d => d.Id), debrief.Dimensions.Select(d => d.DimensionId));
        Assert.Equal("Senior Machine Learning Engineer", debrief.Role);
        Assert.Equal("Jordan Lee", debrief.Candidate.Name);
        Assert.Equal("loop-1", debrief.LoopId);
    }

    [Fact]
    public void Aggregate_NamesAndEvidenceWithMarkup_AreKeptAsTyped()
    {
        const string name = "**Ana** [x](https://evil.example) <at>Sam</at> \"Q\"";
        const string evidence = "Said \"never fails\" <at>Ben</at> **bold** _it_ [link](https://evil.example) </div> {\"json\":true}";
        _loop.Candidate = _loop.Candidate with { Name = "<at>Jordan</at> **Lee**" };
        var ana = _loop.Interview(name, Design);
        _loop.Submit(ana, Draft().Rate(Design, 2, evidence).Signal("claims-perfect-results").Recommend(Recommendation.NoHire));

        var debrief = _loop.Aggregate();

        var entry = Assert.Single(Dimension(debrief, Design).Entries);
        Assert.Equal(name, entry.Panelist.Interviewer.Name);
        Assert.Equal(evidence, entry.Evidence);
        Assert.Equal(evidence, entry.Excerpt);
        Assert.Equal(evidence, Assert.Single(Assert.Single(debrief.RedFlags[0].Reports).Evidence).Excerpt);
        Assert.Equal("<at>Jordan</at> **Lee**", debrief.Candidate.Name);
    }

    [Fact]
    public void Aggregate_TenThousandCharacterEvidence_KeepsAllOfItAndAShortExcerpt()
    {
        var words = string.Join(' ', Enumerable.Range(0, 2100).Select(i => $"w{i % 1000:D3}"));
        var evidence = words[..10_000];
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4, evidence).Signal("ships-without-guardrails").Recommend(Recommendation.Hire));

        var debrief = _loop.Aggregate();

        var entry = Assert.Single(Dimension(debrief, Design).Entries);
        Assert.Equal(10_000, entry.Evidence.Length);
        Assert.InRange(entry.Excerpt.Length, 150, Excerpt.DefaultLength);
        Assert.EndsWith("…", entry.Excerpt, StringComparison.Ordinal);
        Assert.StartsWith(entry.Excerpt[..^1], evidence, StringComparison.Ordinal);
        Assert.Equal(' ', evidence[entry.Excerpt.Length - 1]);
        Assert.True(Assert.Single(Assert.Single(debrief.RedFlags[0].Reports).Evidence).Excerpt.Length <= Excerpt.DefaultLength);
    }

    [Fact]
    public void Aggregate_ScorecardOfAnUnknownInterview_IsIgnored()
    {
        var ana = _loop.Interview("Ana", Design);
        _loop.Submit(ana, Draft().Rate(Design, 4).Recommend(Recommendation.Hire));
        var input = _loop.Input();
        var stray = input.Scorecards[0] with { InterviewId = "interview-elsewhere", Ratings = [new DimensionRating(Design, 1, false, "stray")] };

        var debrief = DebriefAggregator.Aggregate(input with { Scorecards = [.. input.Scorecards, stray] });

        Assert.Equal(4.0, Dimension(debrief, Design).Mean);
        Assert.Equal(1, debrief.Completion.Submitted);
    }

    [Fact]
    public void Aggregate_MeanForDisplay_RoundsToOneDecimal()
    {
        foreach (var (name, score) in new[] { ("Ana", 4), ("Ben", 4), ("Cem", 3) })
        {
            _loop.Submit(_loop.Interview(name, Design), Draft().Rate(Design, score).Recommend(Recommendation.Hire));
        }

        var design = Dimension(_loop.Aggregate(), Design);

        Assert.Equal(11.0 / 3, design.Mean);
        Assert.Equal(3.7, design.DisplayMean);
        Assert.Equal(2.5, DimensionSummary.RoundForDisplay(2.45));
    }

    private static CalibrationHistory History(string interviewerId, int scorecards, ScoreTally own, ScoreTally everyone, string dimension = Design) => new(
        new Dictionary<string, InterviewerCalibration>
        {
            [CalibrationHistory.Key(interviewerId)] = new(scorecards, new Dictionary<string, ScoreTally> { [dimension] = own }),
        },
        new Dictionary<string, ScoreTally> { [dimension] = everyone });

    private static DimensionSummary Dimension(Debrief debrief, string id) => debrief.Dimensions.Single(d => d.DimensionId == id);

    private static CoverageGap Gap(Debrief debrief, string id) => debrief.CoverageGaps.Single(g => g.DimensionId == id);

    private static IEnumerable<string> Names(IEnumerable<Panelist> panelists) => panelists.Select(p => p.Interviewer.Name);

    private static string Serialize(Debrief debrief) => JsonSerializer.Serialize(debrief);
}
