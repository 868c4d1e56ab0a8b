using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Reminders;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Reminders;

/// <summary>The interviewer's reminder card and the hiring manager's escalation, as Teams receives them.</summary>
public sealed class ReminderCardTests
{
    [Fact]
    public void ForInterviewer_Overdue_SaysWhichCandidateWhichInterviewAndHowLate()
    {
        var card = CardJson.Of(ReminderCard.ForInterviewer(CardSamples.Subject("Jordan Lee", "Europe/Berlin"), ReminderKind.Overdue, ReminderCardSamples.Now));

        var text = CardJson.VisibleText(card);
        Assert.StartsWith("Your feedback is overdue by 2 days\nCandidate: \nJordan Lee", text, StringComparison.Ordinal);
        Assert.Contains("Exercise: ML system design case", text, StringComparison.Ordinal);
        Assert.Contains("Interview: Fri 27 Nov 2026, 11:00–12:00 Europe/Berlin", text, StringComparison.Ordinal);
        Assert.Contains("Feedback due: Sat 28 Nov 2026, 12:00 Europe/Berlin", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReminderKind.Nudge, 2, "How did your interview go?")]
    [InlineData(ReminderKind.Overdue, 24, "Your feedback is due")]
    [InlineData(ReminderKind.Overdue, 27, "Your feedback is overdue by 3 h")]
    [InlineData(ReminderKind.Requested, 30, "The hiring team is waiting for your feedback")]
    public void ForInterviewer_EachKind_HasItsOwnTitle(ReminderKind kind, int hoursAfterEnd, string title)
    {
        var card = CardJson.Of(ReminderCard.ForInterviewer(CardSamples.Subject(), kind, TestData.InterviewEnd.AddHours(hoursAfterEnd)));

        Assert.Equal(title, CardJson.VisibleText(card).Split('\n')[0]);
        Assert.Equal(title, (string?)card["fallbackText"]);
    }

    [Fact]
    public void ForInterviewer_Buttons_OpenTheScorecardSnoozeOrSayItDidNotHappen()
    {
        var card = CardJson.Of(ReminderCardSamples.Overdue());

        var open = CardJson.Action(card, "Open scorecard");
        Assert.Equal(ScorecardVerbs.Open, (string?)open["verb"]);
        Assert.Equal("interview-1", (string?)open["data"]!["interviewId"]);
        Assert.Equal("Short", (string?)CardJson.Action(card, "Snooze 2 hours")["data"]!["snooze"]);
        Assert.Equal("NextWorkingMorning", (string?)CardJson.Action(card, "Snooze until next working morning")["data"]!["snooze"]);
        Assert.Equal(ReminderVerbs.NotHeld, (string?)CardJson.Action(card, "Confirm")["verb"]);
        var reasons = CardJson.ById(card, ReminderVerbs.ReasonField);
        Assert.Equal(["NoShow", "Cancelled", "Rescheduled"], reasons["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.True((bool?)reasons["isRequired"]);
    }

    [Fact]
    public void Escalation_ListsEachLateInterviewerWithTheExerciseAndHowLate()
    {
        var card = CardJson.Of(ReminderCard.Escalation("Jordan Lee", TestData.Template.Role,
        [
            new ReminderCard.Overdue("Ivy Interviewer", "ML system design case", TimeSpan.FromHours(49)),
            new ReminderCard.Overdue("Otto Interviewer", "ML system design case", TimeSpan.FromMinutes(50)),
        ]));

        var lines = CardJson.OfType(card, "RichTextBlock").Skip(1).Select(b => string.Concat(CardJson.OfType(b, "TextRun").Select(r => (string?)r["text"])));
        Assert.Equal(["Ivy Interviewer · ML system design case · overdue by 2 days", "Otto Interviewer · ML system design case · overdue by 50 min"], lines);
        Assert.Empty(CardJson.Actions(card));
    }

    [Theory]
    [InlineData("reminder-overdue-hostile")]
    [InlineData("reminder-escalation-hostile")]
    [InlineData("loop-status-hostile")]
    [InlineData("loop-choice-hostile")]
    [InlineData("loop-nudge-result-hostile")]
    public void Card_NamesWithMarkup_StayInTextRunsWhereTeamsNeverReadsMarkdown(string variant)
    {
        var card = CardJson.Of(CardSamples.All[variant]());

        Assert.Contains(CardJson.OfType(card, "TextRun"), r => (string?)r["text"] == CardSamples.Hostile);
        var elsewhere = CardJson.Objects(card)
            .SelectMany(o => CardJson.Type(o) == "TextRun" ? [] : new[] { (string?)o["text"], (string?)o["title"], (string?)o["value"], (string?)o["fallbackText"] })
            .OfType<string>();
        Assert.DoesNotContain(elsewhere, s => s.Contains("HOSTILE", StringComparison.Ordinal) || s.Contains("<at>", StringComparison.Ordinal) || s.Contains("](https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_VeryLongNames_AreCutShort()
    {
        var card = CardJson.Of(CardSamples.All["loop-status-long-text"]());

        Assert.All(CardJson.OfType(card, "TextRun"), r => Assert.True(((string?)r["text"])!.Length <= 200));
        Assert.Contains(CardJson.OfType(card, "TextRun"), r => ((string?)r["text"])!.EndsWith("N…", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_OfALoopWithASubmittedAndADraftScorecard_ShowsNoRatingsEvidenceOrNotes()
    {
        var card = CardJson.Of(ReminderCardSamples.Status());
        var json = card.ToJsonString();

        Assert.DoesNotContain(CardSamples.Evidence, json, StringComparison.Ordinal);
        Assert.DoesNotContain(CardSamples.PrivateNote, json, StringComparison.Ordinal);
        Assert.DoesNotContain("pragmatic-tradeoffs", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Hire\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Recommend", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Didn't happen (the interview was rescheduled)", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Contains("Overdue by 1 day (draft saved)", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_AsTheBotSendsThemInAWeek_PassTheOfficialParser()
    {
        // Loop requests refuse line breaks in names; everything else in the hostile text gets through.
        var hostile = CardSamples.Hostile.Replace('\n', ' ');
        using var scene = new ReminderScene();
        await scene.EveryoneKnownAsync();
        scene.JumpTo("2026-12-03 08:00");
        await scene.CreateLoopAsync(hostile, "ats-1", (ReminderScene.Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await scene.CreateLoopAsync(hostile + " too", "ats-2", (ReminderScene.Otto, "2026-12-03 13:00", "2026-12-03 14:00"));
        await scene.RunUntilAsync("2026-12-07 13:30");
        var cards = new Dictionary<string, JsonObject>
        {
            ["nudge"] = scene.Messages.First(m => m.Kind == MessageKind.Nudge).Card,
            ["overdue"] = scene.Messages.First(m => m.Kind == MessageKind.Overdue).Card,
            ["escalation"] = scene.Messages.First(m => m.Kind == MessageKind.Escalation).Card,
            ["status"] = await scene.SayAsync(ReminderScene.Recruiter, "status ats-1"),
            ["choice"] = await scene.SayAsync(ReminderScene.Recruiter, "remind HOSTILE"),
            ["nudge-result"] = await scene.SayAsync(ReminderScene.Recruiter, "remind ats-2"),
            ["snoozed"] = await scene.ClickAsync(ReminderScene.Ivy, scene.RemindersTo(ReminderScene.Ivy)[0].Card, "Snooze 2 hours"),
        };

        foreach (var (name, card) in cards)
        {
            var problems = await AdaptiveCardsParser.ProblemsAsync(name, card);
            Assert.True(problems.Count == 0, $"{name}:{Environment.NewLine}{AdaptiveCardsParser.Describe(problems)}");
        }

        Assert.Equal("Which candidate did you mean?", CardJson.VisibleText(cards["choice"]).Split('\n')[0]);
        Assert.Equal("Reminded 1 interviewer", CardJson.VisibleText(cards["nudge-result"]).Split('\n')[0]);
    }
}
