using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Commands;
using InterviewBot.Domain.People;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Commands;

/// <summary><c>scorecards</c> lists the caller's interviews, and only where nobody else reads along.</summary>
public sealed class ScorecardsCommandTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Scorecards_InAChannel_ListsTheInterviewsInThePersonalChatAndOnlySaysSoInTheChannel()
    {
        await _fixture.CreatePanelAsync(TestData.InterviewerId);
        using var bot = new BotServices(_fixture);
        await _fixture.Users.RememberAsync(
            new KnownUser(TestData.InterviewerId, TestData.InterviewerTeamsId, TestData.InterviewerName, TestData.TenantId, TestData.ServiceUrl, TestData.BotId, TestData.InterviewerConversationId, "Europe/Berlin", _fixture.Time.GetUtcNow()),
            TimeSpan.Zero);
        var channelMessage = Activities.ChannelMessage("scorecards", TestData.InterviewerId, TestData.InterviewerTeamsId);

        var calls = await bot.TurnAsync<ChatCommands>(channelMessage, (commands, turn) => commands.HandleAsync(turn, "scorecards", CancellationToken.None));

        var inChannel = Assert.Single(calls, c => c.ConversationId!.StartsWith(TestData.HiringChannelId, StringComparison.Ordinal));
        Assert.Contains("personal chat", inChannel.Activity!.Text, StringComparison.Ordinal);
        Assert.Null(inChannel.Activity.Attachments);
        Assert.DoesNotContain("Jordan", JsonSerializer.Serialize(inChannel.Activity), StringComparison.Ordinal);
        var inPrivate = Assert.Single(calls, c => c.ConversationId == TestData.InterviewerConversationId);
        var card = JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(inPrivate.Activity!.Attachments!).Content))!;
        Assert.Contains("Jordan Lee", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecards_InAChannelBySomeoneWithNoChatYet_ListsNothingThereAndSaysWhereToAsk()
    {
        await _fixture.CreatePanelAsync(TestData.InterviewerId);
        using var bot = new BotServices(_fixture);
        var channelMessage = Activities.ChannelMessage("scorecards", TestData.InterviewerId, TestData.InterviewerTeamsId);

        var calls = await bot.TurnAsync<ChatCommands>(channelMessage, (commands, turn) => commands.HandleAsync(turn, "scorecards", CancellationToken.None));

        Assert.All(calls, c => Assert.DoesNotContain("Jordan", JsonSerializer.Serialize(c.Activity), StringComparison.Ordinal));
        var reply = Assert.Single(calls, c => c.ConversationId!.StartsWith(TestData.HiringChannelId, StringComparison.Ordinal));
        Assert.Contains("personal chat", reply.Activity!.Text, StringComparison.Ordinal);
    }
}
