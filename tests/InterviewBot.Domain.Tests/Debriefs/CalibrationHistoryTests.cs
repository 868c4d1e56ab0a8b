using System.Text.Json;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Scorecards;
using static InterviewBot.Domain.Tests.Build;
using static InterviewBot.Domain.Tests.Debriefs.DebriefLoop;

namespace InterviewBot.Domain.Tests.Debriefs;

public sealed class CalibrationHistoryTests
{
    [Fact]
    public void Add_SubmittedScorecard_CountsItAndItsScores()
    {
        var history = CalibrationHistory.Empty.Add(Submitted("aad-1", (Design, 4), (MlOps, null)));

        var mine = history.For("aad-1");
        Assert.NotNull(mine);
        Assert.Equal(1, mine.SubmittedCount);
        Assert.Equal(new ScoreTally(4, 1), mine.Dimensions[Design]);
        Assert.False(mine.Dimensions.ContainsKey(MlOps));
        Assert.Equal(new ScoreTally(4, 1), history.Dimensions[Design]);
    }

    [Fact]
    public void Add_Draft_ChangesNothing()
    {
        var draft = Submitted("aad-1", (Design, 4)) with { Status = ScorecardStatus.Draft, SubmittedAt = null };

        var history = CalibrationHistory.Empty.Add(draft);

        Assert.Null(history.For("aad-1"));
        Assert.Empty(history.Dimensions);
    }

    [Fact]
    public void Add_TwoInterviewers_KeepsTheirOwnTalliesAndEveryonesTogether()
    {
        var history = CalibrationHistory.Empty
            .Add(Submitted("aad-1", (Design, 2)))
            .Add(Submitted("aad-2", (Design, 5)))
            .Add(Submitted("aad-1", (Design, 3)));

        Assert.Equal(2, history.For("aad-1")!.SubmittedCount);
        Assert.Equal(2.5, history.For("aad-1")!.Dimensions[Design].Mean);
        Assert.Equal(5.0, history.For("aad-2")!.Dimensions[Design].Mean);
        Assert.Equal(new ScoreTally(10, 3), history.Dimensions[Design]);
    }

    [Fact]
    public void Add_IdsDifferingOnlyInCase_AreOneInterviewer()
    {
        var history = CalibrationHistory.Empty
            .Add(Submitted("5F1C-ab", (Design, 2)))
            .Add(Submitted("5f1c-AB", (Design, 4)));

        Assert.Single(history.Interviewers);
        Assert.Equal(2, history.For("5F1C-AB")!.SubmittedCount);
    }

    [Fact]
    public void Replace_ResubmissionAfterUnlock_MovesTheAverageWithoutCountingTwice()
    {
        var first = Submitted("aad-1", (Design, 2), (MlOps, 3));
        var resubmitted = first with { Ratings = [new DimensionRating(Design, 5, false, "e"), new DimensionRating(MlOps, null, true, string.Empty)], Version = 3 };
        var history = CalibrationHistory.Empty.Add(first).Add(Submitted("aad-2", (Design, 3)));

        var replaced = history.Replace(first, resubmitted);

        Assert.Equal(1, replaced.For("aad-1")!.SubmittedCount);
        Assert.Equal(new ScoreTally(5, 1), replaced.For("aad-1")!.Dimensions[Design]);
        Assert.False(replaced.For("aad-1")!.Dimensions.ContainsKey(MlOps));
        Assert.Equal(new ScoreTally(8, 2), replaced.Dimensions[Design]);
        Assert.False(replaced.Dimensions.ContainsKey(MlOps));
    }

    [Fact]
    public void Replace_NothingCountedBefore_AddsTheScorecard()
    {
        var history = CalibrationHistory.Empty.Replace(null, Submitted("aad-1", (Design, 2)));

        Assert.Equal(1, history.For("aad-1")!.SubmittedCount);
    }

    [Fact]
    public void Remove_TheOnlyScorecard_LeavesAnEmptyHistory()
    {
        var scorecard = Submitted("aad-1", (Design, 2));

        var history = CalibrationHistory.Empty.Add(scorecard).Remove(scorecard);

        Assert.Empty(history.Interviewers);
        Assert.Empty(history.Dimensions);
    }

    [Fact]
    public void Add_LeavesTheOriginalUntouched()
    {
        var before = CalibrationHistory.Empty.Add(Submitted("aad-1", (Design, 2)));

        _ = before.Add(Submitted("aad-1", (Design, 5)));

        Assert.Equal(1, before.For("aad-1")!.SubmittedCount);
        Assert.Equal(new ScoreTally(2, 1), before.Dimensions[Design]);
    }

    [Fact]
    public void HintFor_FoldedHistoryOfFiveScorecards_MarksAHarshInterviewer()
    {
        var history = CalibrationHistory.Empty;
        for (var i = 0; i < 5; i++)
        {
            history = history.Add(Submitted("aad-harsh", (Design, 2))).Add(Submitted("aad-other", (Design, 4)));
        }

        var hint = history.HintFor("aad-harsh", Design);

        Assert.NotNull(hint);
        Assert.Equal(CalibrationTendency.Harsher, hint.Tendency);
        Assert.Equal(2.0, hint.InterviewerMean);
        Assert.Equal(3.0, hint.OverallMean);
        Assert.Equal(CalibrationTendency.MoreLenient, history.HintFor("aad-other", Design)?.Tendency);
        Assert.Null(history.HintFor("aad-unknown", Design));
        Assert.Null(history.HintFor("aad-harsh", MlOps));
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsEveryTallyAndHint()
    {
        var history = CalibrationHistory.Empty;
        for (var i = 0; i < 5; i++)
        {
            history = history.Add(Submitted("aad-Harsh", (Design, 1), (MlOps, 3))).Add(Submitted("aad-other", (Design, 4)));
        }

        var json = JsonSerializer.Serialize(history);
        var read = JsonSerializer.Deserialize<CalibrationHistory>(json)!;

        Assert.DoesNotContain("mean", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(history.For("aad-harsh")!.SubmittedCount, read.For("AAD-HARSH")!.SubmittedCount);
        Assert.Equal(history.For("aad-harsh")!.Dimensions[MlOps], read.For("aad-harsh")!.Dimensions[MlOps]);
        Assert.Equal(history.Dimensions[Design], read.Dimensions[Design]);
        Assert.Equal(history.HintFor("aad-harsh", Design), read.HintFor("aad-harsh", Design));
    }

    private static Scorecard Submitted(string interviewerId, params (string Dimension, int? Score)[] ratings) => new(
        "interview-1",
        "candidate-1",
        interviewerId,
        [.. ratings.Select(r => new DimensionRating(r.Dimension, r.Score, r.Score is null, r.Score is null ? string.Empty : "evidence"))],
        [],
        Recommendation.Hire,
        string.Empty,
        ScorecardStatus.Submitted,
        End,
        End,
        End,
        1);
}
