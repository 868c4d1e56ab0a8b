using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Debriefs;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Loops;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// Independent scoring around the debrief: an interviewer who has not submitted reads nobody else's ratings,
/// evidence or recommendation, whatever they type or press, even when they also run the loop.
/// </summary>
public sealed class DebriefIndependenceTests : IDisposable
{
    private const string OwnDraftEvidence = "IVY-DRAFT: strong on feature stores.";

    private readonly DebriefPanel _panel = new();
    private readonly List<JsonObject> _answers = [];

    public void Dispose() => _panel.Dispose();

    [Fact]
    public async Task Everything_AnInterviewerWhoHasNotSubmittedCanAskOrPress_ShowsNoOneElsesFeedback()
    {
        var plan = await PanelAsync([Ivy, Otto, Nia]);
        await _panel.SubmitAsync(Otto, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Nia, plan, 1, Recommendation.StrongNoHire);
        var ivys = InterviewOf(plan, Ivy).Id;
        var ottos = InterviewOf(plan, Otto).Id;
        await AnswerAsync(_panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Save, new Dictionary<string, object?>
        {
            ["interviewId"] = ivys,
            ["baseVersion"] = 0,
            ["rating.ml-systems-design"] = "3",
            ["evidence.ml-systems-design"] = OwnDraftEvidence,
        }));

        // Ask.
        foreach (var command in new[] { "scorecards", "status Jordan Lee", "debrief Jordan Lee", "debrief " + plan.Loop.Id, "unlock Jordan Lee", "link Jordan Lee", "remind Jordan Lee" })
        {
            await AnswerAsync(_panel.Scene.SayAsync(Ivy, command));
        }

        await AnswerAsync(_panel.Scene.SayInChannelAsync(Ivy, "debrief Jordan Lee"));

        // Open and refresh her own card, from the list and from the card itself.
        var list = await AnswerAsync(_panel.Scene.SayAsync(Ivy, "scorecards"));
        var opened = await AnswerAsync(_panel.Scene.ClickAsync(Ivy, list, "Open scorecard"));
        await AnswerAsync(_panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Open, ScorecardCard.ActionData(ivys, 1)));
        await AnswerAsync(_panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(ivys, 1)));

        // Press every button there is with a colleague's interview, or the loop itself.
        foreach (var verb in new[] { ScorecardVerbs.Open, ScorecardVerbs.Edit, ScorecardVerbs.Save, ScorecardVerbs.Submit })
        {
            await AnswerAsync(_panel.Scene.ClickAsync(Ivy, verb, Inputs(Ivy, ottos, 1, 2, Recommendation.NoHire)));
        }

        await AnswerAsync(_panel.Scene.ClickAsync(Ivy, ReminderVerbs.Snooze, new Dictionary<string, object?> { ["interviewId"] = ottos }));
        await AnswerAsync(_panel.Scene.ClickAsync(Ivy, ReminderVerbs.NotHeld, new Dictionary<string, object?> { ["interviewId"] = ottos, [ReminderVerbs.ReasonField] = "NoShow" }));
        foreach (var verb in new[] { DebriefVerbs.PostPartial, DebriefVerbs.Remind, DebriefActions.DebriefVerb, DebriefActions.UnlockVerb, DebriefActions.LinkVerb, LoopActions.StatusVerb, LoopActions.RemindVerb })
        {
            await AnswerAsync(_panel.Scene.ClickAsync(Ivy, verb, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id }));
        }

        var received = Received(Ivy);
        foreach (var colleague in new[] { Otto, Nia })
        {
            AssertNothingOf(colleague, received);
            Assert.DoesNotContain(colleague.Name, received, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("/5", received, StringComparison.Ordinal);
        Assert.DoesNotContain("mean ", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Strong No Hire:", received, StringComparison.Ordinal);
        Assert.Equal(["3", OwnDraftEvidence], FilledInputs(opened));
        Assert.Empty(_panel.Threads);

        // The same markers do reach the channel once she has submitted and the debrief is posted.
        await _panel.SubmitAsync(Ivy, plan, baseVersion: 1);
        await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        var debrief = Assert.Single(_panel.Threads);
        Assert.Contains(EvidenceOf(Otto, "ml-systems-design"), debrief.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Strong No Hire: 1 · Nia Interviewer", debrief.Lines);
    }

    [Fact]
    public async Task Everything_AHiringManagerWhoInterviewedAndHasNotSubmittedCanAskOrPress_ShowsNoOneElsesFeedback()
    {
        var plan = await PanelAsync([Ivy, Otto, Manager]);
        await _panel.SubmitAsync(Ivy, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Otto, plan, 1, Recommendation.StrongNoHire);

        foreach (var command in new[] { "scorecards", "status Jordan Lee", "debrief Jordan Lee" })
        {
            await AnswerAsync(_panel.Scene.SayAsync(Manager, command));
        }

        await AnswerAsync(_panel.Scene.SayInChannelAsync(Manager, "debrief Jordan Lee"));
        await AnswerAsync(_panel.Scene.ClickAsync(Manager, ScorecardVerbs.Open, ScorecardCard.ActionData(InterviewOf(plan, Manager).Id, 0)));
        foreach (var verb in new[] { ScorecardVerbs.Open, ScorecardVerbs.Edit })
        {
            await AnswerAsync(_panel.Scene.ClickAsync(Manager, verb, ScorecardCard.ActionData(InterviewOf(plan, Ivy).Id, 1)));
        }

        foreach (var verb in new[] { DebriefVerbs.PostPartial, DebriefVerbs.Remind, DebriefActions.DebriefVerb, LoopActions.StatusVerb })
        {
            await AnswerAsync(_panel.Scene.ClickAsync(Manager, verb, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id }));
        }

        var received = Received(Manager);
        AssertNothingOf(Ivy, received);
        AssertNothingOf(Otto, received);
        Assert.DoesNotContain("/5", received, StringComparison.Ordinal);
        Assert.DoesNotContain("mean ", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Strong Hire:", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Strong No Hire:", received, StringComparison.Ordinal);
        Assert.Empty(_panel.Threads);
    }

    [Fact]
    public async Task Status_AskedByTheHiringManagerWhoInterviewed_SaysWhoSubmittedButNotWhat()
    {
        var plan = await PanelAsync([Ivy, Manager]);
        await _panel.SubmitAsync(Ivy, plan, 5, Recommendation.StrongHire);

        var card = await _panel.Scene.SayAsync(Manager, "status Jordan Lee");

        Assert.Equal("Loop status", Title(card));
        Assert.Contains(Lines(card), l => l.StartsWith("Submitted ", StringComparison.Ordinal));
        AssertNothingOf(Ivy, card.ToJsonString());
        Assert.DoesNotContain("Strong Hire", card.ToJsonString(), StringComparison.Ordinal);
    }

    private static void AssertNothingOf(Person colleague, string received)
    {
        foreach (var dimension in TestData.Focus)
        {
            Assert.DoesNotContain(EvidenceOf(colleague, dimension), received, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(NoteOf(colleague), received, StringComparison.Ordinal);
        Assert.DoesNotContain(colleague.Name.Split(' ')[0].ToUpperInvariant() + "-", received, StringComparison.Ordinal);
    }

    /// <summary>The values a card's inputs show filled in, in card order.</summary>
    private static IReadOnlyList<string?> FilledInputs(JsonObject card) =>
        [.. CardJson.Objects(card)
            .Where(o => CardJson.Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(o => (string?)o["value"])
            .Where(v => !string.IsNullOrEmpty(v))];

    private async Task<LoopPlan> PanelAsync(IReadOnlyList<Person> interviewers)
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", interviewers);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        return plan;
    }

    private async Task<JsonObject> AnswerAsync(Task<JsonObject> answer)
    {
        var card = await answer;
        _answers.Add(card);
        return card;
    }

    /// <summary>Everything the bot sent to <paramref name="person"/>: messages in their chat and the cards that answered their clicks, as JSON.</summary>
    private string Received(Person person)
    {
        var messages = _panel.Fixture.Connector.Calls
            .Where(c => c.ConversationId == ConversationOf(person) || c.Parameters?.Members?.Any(m => m.AadObjectId == person.AadObjectId) == true)
            .Select(Json);
        var channelReplies = _panel.Fixture.Connector.Calls
            .Where(c => c.ConversationId?.StartsWith(TestData.HiringChannelId, StringComparison.Ordinal) == true && c.Kind == ConnectorCallKind.Reply)
            .Select(Json);
        return string.Join("\n", messages.Concat(channelReplies).Concat(_answers.Select(a => a.ToJsonString())));

        static string Json(ConnectorCall call) => JsonSerializer.Serialize(new object?[] { call.Activity, call.Parameters }, TeamsJson.Options);
    }
}
