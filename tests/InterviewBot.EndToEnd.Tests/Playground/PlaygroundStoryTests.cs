using System.Text.Json;
using InterviewBot.Domain.Scorecards;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Storage.Hiring;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>
/// The interviewer's story through Microsoft's own local Teams client: what the Playground shows is what a user of
/// the Playground would see, and buttons are pressed with the very request its browser client sends.
/// </summary>
public sealed class PlaygroundStoryTests(PlaygroundFixture fixture) : IClassFixture<PlaygroundFixture>
{
    private const string SampleCandidate = "Jordan Lee (sample)";

    private PlaygroundClient Playground => fixture.Client;

    [Fact]
    public async Task Story_ThroughTheAgentsPlayground_WelcomesDeliversSavesRejectsAndSubmitsOnce()
    {
        var me = Playground.Me;
        var chat = me.PersonalChatId;

        // Install: the Playground announces it with an installationUpdate and a conversationUpdate, sent at once.
        await Playground.InstallAsync(chat);
        await fixture.Host.Inbound.WaitForAsync(a => a.Type == "installationUpdate" && a.ConversationId == chat, "the installationUpdate to be handled");
        await fixture.Host.Inbound.WaitForAsync(a => a.Type == "conversationUpdate" && a.ConversationId == chat, "the conversationUpdate to be handled");

        // Anything the two install turns posted is shown before the answer to a later message.
        await Playground.SayAsync("ping");
        var sentinel = await BotSaysAsync(m => m.Text?.Contains("I don't know that command", StringComparison.Ordinal) == true, "the answer to ping");
        var shown = Playground.Messages.Snapshot().TakeWhile(m => m.MessageId != sentinel.MessageId).ToList();
        Assert.Single(shown, m => m.FromId == me.BotId && m.Text?.Contains("I'm **InterviewBot**", StringComparison.Ordinal) == true);

        // demo
        await Playground.SayAsync("demo");
        await BotSaysAsync(m => m.Text?.Contains("I created a sample loop", StringComparison.Ordinal) == true, "the reply to demo");
        var delivered = await BotSaysAsync(m => m.Cards.Any(c => c.Shows("Candidate: " + SampleCandidate) && c.ButtonList.Any(b => b.Title == "Submit")), "the scorecard card");
        var form = delivered.Card;
        Assert.True(form.Shows("Role: Senior Machine Learning Engineer"), form.ToString());
        Assert.True(form.Shows("Exercise: ML system design case"), form.ToString());
        foreach (var dimension in new[] { "ml-systems-design", "mlops-operations", "communication", "leadership" })
        {
            Assert.Contains("rating." + dimension, form.InputIds);
            Assert.Contains("evidence." + dimension, form.InputIds);
        }

        Assert.Equal(["Save draft", "Submit"], form.ButtonList.Select(b => b.Title));

        // scorecards
        var beforeList = Playground.Messages.Count;
        await Playground.SayAsync("scorecards");
        var list = await BotSaysAsync(m => m.Cards.Any(c => c.Shows("Your scorecards")), "the list of scorecards", beforeList);
        Assert.True(list.Card.Shows("Candidate: " + SampleCandidate), list.Card.ToString());

        // Save draft
        var draft = Card(await Playground.PressAsync(delivered, form.Press("Save draft", new Dictionary<string, string>
        {
            ["rating.ml-systems-design"] = "4",
            ["evidence.ml-systems-design"] = "Designed online serving with a shadow rollout.",
        })));
        Assert.True(draft.Shows("Draft saved"), draft.ToString());
        Assert.Equal("4", draft.ValueOf("rating.ml-systems-design"));
        Assert.Equal("Designed online serving with a shadow rollout.", draft.ValueOf("evidence.ml-systems-design"));

        // Submit with a rated dimension lacking evidence and no recommendation.
        var rejected = Card(await Playground.PressAsync(delivered, draft.Press("Submit", new Dictionary<string, string>
        {
            ["rating.mlops-operations"] = "2",
            ["rating.communication"] = "3",
            ["evidence.communication"] = "Explained the trade-offs to a product manager without jargon.",
            ["rating.leadership"] = ScorecardFields.NotAssessedValue,
        })));
        Assert.Equal(["Write the evidence behind your MLOps & operations score: what the candidate said or did."], rejected.ErrorsNextTo("evidence.mlops-operations"));
        Assert.Equal(["Choose an overall recommendation."], rejected.ErrorsNextTo("recommendation"));
        Assert.Equal("4", rejected.ValueOf("rating.ml-systems-design"));
        Assert.Equal("2", rejected.ValueOf("rating.mlops-operations"));
        Assert.Equal(ScorecardFields.NotAssessedValue, rejected.ValueOf("rating.leadership"));

        // Submit what was missing.
        var submit = rejected.Press("Submit", new Dictionary<string, string>
        {
            ["evidence.mlops-operations"] = "No plan to detect drift.",
            ["recommendation"] = nameof(Recommendation.Hire),
        });
        var submitted = Card(await Playground.PressAsync(delivered, submit));
        Assert.True(submitted.Shows("Scorecard submitted"), submitted.ToString());
        Assert.Empty(submitted.InputIds);
        Assert.Equal(["Edit"], submitted.ButtonList.Select(b => b.Title));

        // Stored, and reported by the REST API.
        var interview = Assert.Single(await fixture.Host.Services.GetRequiredService<HiringStore>().GetInterviewsOfAsync(me.AadObjectId));
        Assert.Equal(ScorecardStatus.Submitted, interview.Scorecard?.Value.Status);
        var version = interview.Scorecard?.Value.Version;
        var report = await fixture.Loops.GetAsync(interview.Interview.LoopId);
        Assert.Equal("Submitted", report.ScorecardStatus(interview.Interview.Id));

        // The same press delivered again changes nothing.
        var again = Card(await Playground.PressAsync(delivered, submit));
        Assert.True(again.Shows("Scorecard submitted"), again.ToString());
        var after = await fixture.Host.Services.GetRequiredService<HiringStore>().GetInterviewAsync(interview.Interview.Id);
        Assert.Equal(version, after?.Scorecard?.Value.Version);
    }

    private static AdaptiveCardView Card(JsonElement answer)
    {
        // The Playground passes on the bot's type and value but drops its statusCode.
        Assert.Equal(AdaptiveCardView.ContentType, answer.GetProperty("type").GetString());
        return new AdaptiveCardView(answer.GetProperty("value"));
    }

    private Task<PlaygroundMessage> BotSaysAsync(Func<PlaygroundMessage, bool> match, string what, int from = 0) =>
        Playground.Messages.WaitForAsync(
            m => m.Action == "createMessage" && m.ConversationId == Playground.Me.PersonalChatId && m.FromId == Playground.Me.BotId && match(m),
            what,
            from);
}
