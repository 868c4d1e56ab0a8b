using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Commands;

public sealed class ConversationHandlersTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task MessageHandler_ChannelMentionWithHelp_RepliesInTheThread()
    {
        using var bot = new BotServices(_fixture);
        var activity = Activities.PersonalMessage("<at>InterviewBot</at> help");
        activity.Conversation = new ConversationAccount("19:hiring@thread.tacv2;messageid=1715677912345", ConversationType: "channel", IsGroup: true, TenantId: TestData.TenantId);

        var calls = await bot.TurnAsync<MessageHandler>(activity, (handler, turn) => handler.HandleAsync(turn, CancellationToken.None));

        var reply = Assert.Single(calls);
        Assert.Equal(ConnectorCallKind.Reply, reply.Kind);
        Assert.Equal(activity.Id, reply.ActivityId);
        Assert.Contains("**scorecards**", reply.Activity!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageHandler_ActionSubmitFromTheInterviewer_UpdatesTheCardItCameFrom()
    {
        var interview = await _fixture.CreateInterviewAsync();
        using var bot = new BotServices(_fixture);
        var value = JsonSerializer.SerializeToNode(ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()))!.AsObject();
        value["verb"] = ScorecardVerbs.Submit;
        var activity = Activities.PersonalMessage(string.Empty);
        activity.Text = null;
        activity.ReplyToId = "activity-with-the-card";
        activity.Value = JsonSerializer.SerializeToElement(value);

        var calls = await bot.TurnAsync<MessageHandler>(activity, (handler, turn) => handler.HandleAsync(turn, CancellationToken.None));

        var update = Assert.Single(calls);
        Assert.Equal(ConnectorCallKind.Update, update.Kind);
        Assert.Equal("activity-with-the-card", update.ActivityId);
        Assert.Equal(ScorecardStatus.Submitted, (await _fixture.Store.GetInterviewAsync(interview.Id))!.Scorecard!.Value.Status);
    }

    [Fact]
    public async Task CardActionHandler_StrangerSendingTheInterviewersIdInData_IsRefused()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var inputs = ScorecardInputs.Complete();
        inputs["aadObjectId"] = TestData.InterviewerId;
        var activity = Activities.CardAction(ScorecardVerbs.Submit, ScorecardInputs.Data(interview.Id, 0, inputs), TestData.StrangerId);

        var response = await HandleCardActionAsync(activity);

        var card = Card(response);
        Assert.Contains("This scorecard is not yours", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Null((await _fixture.Store.GetInterviewAsync(interview.Id))!.Scorecard);
    }

    [Fact]
    public async Task CardActionHandler_InterviewerSubmitting_AnswersWithTheSubmittedCard()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var activity = Activities.CardAction(ScorecardVerbs.Submit, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()), TestData.InterviewerId);

        var response = await HandleCardActionAsync(activity);

        Assert.Contains("Scorecard submitted", CardJson.VisibleText(Card(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardActionHandler_VerbFromAnotherVersion_SaysTheButtonNoLongerWorks()
    {
        var activity = Activities.CardAction("poll.vote", ScorecardInputs.Data("x", 0), TestData.InterviewerId);

        var response = await HandleCardActionAsync(activity);

        Assert.Contains("This button no longer works", CardJson.VisibleText(Card(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardActionHandler_NoVerb_AnswersWithABadRequestError()
    {
        var activity = Activities.CardAction(string.Empty, ScorecardInputs.Data("x", 0), TestData.InterviewerId);

        var response = await HandleCardActionAsync(activity);

        var body = Assert.IsType<AdaptiveCardInvokeResponseBody>(response!.Body);
        Assert.Equal(400, body.StatusCode);
        Assert.Equal(AdaptiveCardInvokeResponse.ErrorType, body.Type);
    }

    private async Task<InvokeResponse?> HandleCardActionAsync(Activity activity)
    {
        using var bot = new BotServices(_fixture);
        InvokeResponse? response = null;
        await bot.TurnAsync<CardActionHandler>(activity, async (handler, turn) => response = await handler.HandleAsync(turn, CancellationToken.None));
        return response;
    }

    private static JsonObject Card(InvokeResponse? response)
    {
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponseBody>(response.Body);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, body.Type);
        return JsonNode.Parse(JsonSerializer.Serialize(body.Value))!.AsObject();
    }
}
