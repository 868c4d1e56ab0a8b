using InterviewBot.Cards;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

public sealed class ScorecardListCardTests
{
    [Fact]
    public void Build_Always_IsAdaptiveCard15()
    {
        var card = CardJson.Of(ScorecardListCard.Build(CardSamples.Interviews(3), null, TestData.Now));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Contains("Your scorecards", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MixedInterviews_ListsToDoByDueDateThenSubmittedNewestFirst()
    {
        var interviews = CardSamples.Interviews(6);

        var card = CardJson.Of(ScorecardListCard.Build(interviews, null, TestData.Now));

        var opened = CardJson.Actions(card).Select(a => (string?)a["data"]!["interviewId"]).ToList();
        var pending = interviews.Where(i => i.Scorecard?.Value.Status != ScorecardStatus.Submitted).OrderBy(i => i.Interview.FeedbackDue).Select(i => i.Interview.Id);
        var done = interviews.Where(i => i.Scorecard?.Value.Status == ScorecardStatus.Submitted).OrderByDescending(i => i.Interview.End).Select(i => i.Interview.Id);
        Assert.Equal(pending.Concat(done), opened);
        Assert.Contains("4 to do, 2 submitted.", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EachRow_HasAnOpenButtonCarryingInterviewAndVersion()
    {
        var interviews = CardSamples.Interviews(3);

        var card = CardJson.Of(ScorecardListCard.Build(interviews, null, TestData.Now));

        foreach (var item in interviews)
        {
            var action = CardJson.Actions(card).Single(a => (string?)a["data"]!["interviewId"] == item.Interview.Id);
            Assert.Equal("Action.Execute", CardJson.Type(action));
            Assert.Equal(ScorecardVerbs.Open, (string?)action["verb"]);
            Assert.Equal(item.Scorecard?.Value.Version ?? 0, (int?)action["data"]!["baseVersion"]);
            Assert.Equal(item.Scorecard?.Value.Status == ScorecardStatus.Submitted ? "View scorecard" : "Open scorecard", (string?)action["title"]);
        }
    }

    [Fact]
    public void Build_Statuses_SayWhereEachScorecardStandsAndHowLateItIs()
    {
        var now = TestData.Now;
        var interviews = CardSamples.Interviews(3);
        var overdue = interviews[0] with { Interview = interviews[0].Interview with { FeedbackDue = now.AddHours(-3) } };
        var future = interviews[0] with { Interview = interviews[0].Interview with { Id = "future", Start = now.AddHours(1), End = now.AddHours(2), FeedbackDue = now.AddHours(26) } };

        var text = CardJson.VisibleText(CardJson.Of(ScorecardListCard.Build([overdue, interviews[1], interviews[2], future], null, now)));

        Assert.Contains("Status: Not started · overdue by 3 h", text, StringComparison.Ordinal);
        Assert.Contains("Status: Draft saved", text, StringComparison.Ordinal);
        Assert.Contains("Status: Submitted", text, StringComparison.Ordinal);
        Assert.Contains("Status: Interview not over yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NothingPending_SaysSo()
    {
        var submitted = CardSamples.Interviews(3).Where(i => i.Scorecard?.Value.Status == ScorecardStatus.Submitted).ToList();

        var text = CardJson.VisibleText(CardJson.Of(ScorecardListCard.Build(submitted, null, TestData.Now)));

        Assert.Contains("Nothing to do: every scorecard is submitted.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MoreThanTheLimit_ShowsTheFirstAndSaysHowManyThereAre()
    {
        var interviews = CardSamples.Interviews(ScorecardListCard.MaxShown + 5);

        var card = CardJson.Of(ScorecardListCard.Build(interviews, null, TestData.Now));

        Assert.Equal(ScorecardListCard.MaxShown, CardJson.Actions(card).Count);
        Assert.Contains($"Showing {ScorecardListCard.MaxShown} of {ScorecardListCard.MaxShown + 5}.", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostileCandidateName_StaysInATextRun()
    {
        var item = CardSamples.Interviews(1)[0];
        var hostile = item with { Candidate = item.Candidate with { Name = CardSamples.Hostile } };

        var card = CardJson.Of(ScorecardListCard.Build([hostile], null, TestData.Now));

        Assert.Contains(CardJson.OfType(card, "TextRun"), r => (string?)r["text"] == CardSamples.Hostile);
        Assert.DoesNotContain(CardJson.OfType(card, "TextBlock"), t => ((string?)t["text"])!.Contains("HOSTILE", StringComparison.Ordinal));
        Assert.DoesNotContain(CardJson.OfType(card, "FactSet").SelectMany(f => f["facts"]!.AsArray()), f => ((string?)f!["value"])!.Contains("HOSTILE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, "1 min")]
    [InlineData(45 * 60, "45 min")]
    [InlineData(3 * 3600, "3 h")]
    [InlineData(47 * 3600, "47 h")]
    [InlineData(5 * 86400, "5 days")]
    public void Duration_Span_ReadsInTheLargestSensibleUnit(int seconds, string expected)
    {
        Assert.Equal(expected, ScorecardListCard.Duration(TimeSpan.FromSeconds(seconds)));
    }
}
