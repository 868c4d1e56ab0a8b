using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Commands;
using InterviewBot.Conversations;
using InterviewBot.Domain.Hiring;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Scorecards;

/// <summary>
/// Independent scoring: interviewers of the same candidate, and the people running the loop, can neither read nor
/// change a scorecard that is not theirs, whichever way Teams carries the request.
/// </summary>
public sealed class ScorecardAccessTests : IDisposable
{
    private const string ColleagueId = "aad-omar";
    private const string ColleagueChat = "a:personal-omar";
    private const string DraftEvidence = "IVY-DRAFT said feature freshness matters more than model size.";

    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Scorecards_TwoInterviewersOfTheSameCandidate_EachListsOnlyTheirOwnInterview()
    {
        var (ivys, omars) = await PanelWithIvysDraftAsync();
        using var bot = new BotServices(_fixture);

        var calls = await bot.TurnAsync<ChatCommands>(
            Activities.PersonalMessage("scorecards", ColleagueId, "29:omar", ColleagueChat),
            (commands, turn) => commands.HandleAsync(turn, "scorecards", CancellationToken.None));

        var card = CardOf(Assert.Single(calls).Activity!);
        var open = Assert.Single(CardJson.Actions(card));
        Assert.Equal(omars.Id, (string?)open["data"]!["interviewId"]);
        Assert.DoesNotContain(ivys.Id, card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DraftEvidence, card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScorecardVerbs.Open)]
    [InlineData(ScorecardVerbs.Save)]
    [InlineData(ScorecardVerbs.Submit)]
    [InlineData(ScorecardVerbs.Edit)]
    public async Task CardAction_AnyVerbByAnotherInterviewerOfTheSameCandidate_IsRefusedAndRevealsNothing(string verb)
    {
        var (ivys, _) = await PanelWithIvysDraftAsync();
        var writesBefore = _fixture.Tables.Writes.Count;
        var activity = Activities.CardAction(verb, ScorecardInputs.Data(ivys.Id, 1, ScorecardInputs.Complete(evidence: "Overwritten by a colleague")), ColleagueId);

        InvokeResponse? response = null;
        using (var bot = new BotServices(_fixture))
        {
            await bot.TurnAsync<CardActionHandler>(activity, async (handler, turn) => response = await handler.HandleAsync(turn, CancellationToken.None));
        }

        var card = JsonNode.Parse(JsonSerializer.Serialize(Assert.IsType<AdaptiveCardInvokeResponseBody>(response!.Body).Value))!;
        AssertRefusedWithoutContent(card);
        Assert.Equal(writesBefore, _fixture.Tables.Writes.Count);
        await AssertIvysDraftUnchangedAsync(ivys);
    }

    [Theory]
    [InlineData(ScorecardVerbs.Open)]
    [InlineData(ScorecardVerbs.Save)]
    [InlineData(ScorecardVerbs.Submit)]
    [InlineData(ScorecardVerbs.Edit)]
    public async Task ActionSubmit_AnyVerbByAnotherInterviewerOfTheSameCandidate_IsRefusedAndRevealsNothing(string verb)
    {
        // Clients without Universal Actions send the button as a message whose value carries the verb.
        var (ivys, _) = await PanelWithIvysDraftAsync();
        var writesBefore = _fixture.Tables.Writes.Count;
        var value = JsonSerializer.SerializeToNode(ScorecardInputs.Data(ivys.Id, 1, ScorecardInputs.Complete(evidence: "Overwritten by a colleague")))!.AsObject();
        value["verb"] = verb;
        var activity = Activities.PersonalMessage(string.Empty, ColleagueId, "29:omar", ColleagueChat);
        activity.Text = null;
        activity.ReplyToId = "activity-with-the-card";
        activity.Value = JsonSerializer.SerializeToElement(value);
        using var bot = new BotServices(_fixture);

        var calls = await bot.TurnAsync<MessageHandler>(activity, (handler, turn) => handler.HandleAsync(turn, CancellationToken.None));

        var update = Assert.Single(calls);
        Assert.Equal(ColleagueChat, update.ConversationId);
        AssertRefusedWithoutContent(CardOf(update.Activity!));
        Assert.Equal(writesBefore, _fixture.Tables.Writes.Count);
        await AssertIvysDraftUnchangedAsync(ivys);
    }

    [Theory]
    [InlineData(TestData.RecruiterId, ScorecardVerbs.Open)]
    [InlineData(TestData.RecruiterId, ScorecardVerbs.Edit)]
    [InlineData(TestData.HiringManagerId, ScorecardVerbs.Open)]
    [InlineData(TestData.HiringManagerId, ScorecardVerbs.Submit)]
    public async Task CardAction_ByTheLoopsRecruiterOrHiringManager_IsRefusedAndRevealsNothing(string caller, string verb)
    {
        var (ivys, _) = await PanelWithIvysDraftAsync();

        var card = CardJson.Of(await _fixture.Actions.HandleAsync(verb, caller, ScorecardInputs.Data(ivys.Id, 1, ScorecardInputs.Complete())));

        AssertRefusedWithoutContent(card);
        await AssertIvysDraftUnchangedAsync(ivys);
    }

    /// <summary>One candidate, two interviewers: Ivy, with a saved draft, and her colleague Omar.</summary>
    private async Task<(Interview Ivys, Interview Omars)> PanelWithIvysDraftAsync()
    {
        var panel = await _fixture.CreatePanelAsync(TestData.InterviewerId, ColleagueId);
        await _fixture.Actions.HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(panel[0].Id, 0, ScorecardInputs.Complete(evidence: DraftEvidence)));
        return (panel[0], panel[1]);
    }

    private async Task AssertIvysDraftUnchangedAsync(Interview ivys)
    {
        var stored = (await _fixture.Store.GetInterviewAsync(ivys.Id))!.Scorecard!.Value;
        Assert.Equal(1, stored.Version);
        Assert.Equal(Domain.Scorecards.ScorecardStatus.Draft, stored.Status);
        Assert.Equal(DraftEvidence, stored.RatingFor("ml-systems-design").Evidence);
    }

    private static void AssertRefusedWithoutContent(JsonNode card)
    {
        Assert.Contains("This scorecard is not yours", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(DraftEvidence, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card));
        Assert.DoesNotContain(CardJson.Objects(card), o => CardJson.Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true);
    }

    private static JsonObject CardOf(Activity activity) =>
        JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(activity.Attachments!).Content))!.AsObject();
}
