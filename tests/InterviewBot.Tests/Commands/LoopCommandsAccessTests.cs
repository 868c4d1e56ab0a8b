using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Commands;
using InterviewBot.Conversations;
using InterviewBot.Loops;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Commands;

/// <summary>An interviewer cannot use the recruiter's and hiring manager's commands on a loop they only interview for.</summary>
public sealed class LoopCommandsAccessTests : IDisposable
{
    private const string ColleagueId = "aad-omar";
    private const string ColleagueChat = "a:personal-omar";

    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("status Jordan Lee")]
    [InlineData("remind Jordan Lee")]
    public async Task LoopCommand_ByAnInterviewerOfTheLoop_FindsNoLoopAndChangesNothing(string text)
    {
        var panel = await _fixture.CreatePanelAsync(TestData.InterviewerId, ColleagueId);
        await _fixture.Actions.HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(panel[0].Id, 0, ScorecardInputs.Complete()));
        var writesBefore = _fixture.Tables.Writes.Count;
        using var bot = new BotServices(_fixture);

        var calls = await bot.TurnAsync<ChatCommands>(
            Activities.PersonalMessage(text, ColleagueId, "29:omar", ColleagueChat),
            (commands, turn) => commands.HandleAsync(turn, text, CancellationToken.None));

        var reply = Assert.Single(calls);
        Assert.Equal(ColleagueChat, reply.ConversationId);
        var card = CardOf(reply.Activity!);
        Assert.Contains("No matching candidate", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(panel[0].Interviewer.Name, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card));
        Assert.Equal(writesBefore, _fixture.Tables.Writes.Count);
    }

    [Theory]
    [InlineData(LoopActions.StatusVerb)]
    [InlineData(LoopActions.RemindVerb)]
    public async Task LoopButton_ByAnInterviewerHoldingTheLoopsId_IsRefusedAndChangesNothing(string verb)
    {
        var panel = await _fixture.CreatePanelAsync(TestData.InterviewerId, ColleagueId);
        var writesBefore = _fixture.Tables.Writes.Count;
        var activity = Activities.CardAction(verb, JsonSerializer.SerializeToElement(new { loopId = panel[0].LoopId }), ColleagueId);
        using var bot = new BotServices(_fixture);
        InvokeResponse? response = null;

        var calls = await bot.TurnAsync<CardActionHandler>(activity, async (handler, turn) => response = await handler.HandleAsync(turn, CancellationToken.None));

        var card = JsonNode.Parse(JsonSerializer.Serialize(Assert.IsType<AdaptiveCardInvokeResponseBody>(response!.Body).Value))!;
        Assert.Contains("Not your loop", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(panel[0].Interviewer.Name, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(calls);
        Assert.Equal(writesBefore, _fixture.Tables.Writes.Count);
    }

    private static JsonObject CardOf(Activity activity) =>
        JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(activity.Attachments!).Content))!.AsObject();
}
