using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Teams.Tests.Routing;

public sealed class TurnContextTests
{
    private readonly RecordingConnectorClient _connector = new();

    private TurnContext Turn(string fixture) =>
        new(Fixture.Activity(fixture), new ServiceCollection().BuildServiceProvider(), _connector);

    [Fact]
    public async Task SendAsync_PersonalChat_PostsToTheConversationFromTheBot()
    {
        // Arrange
        var turn = Turn(Fixture.PersonalMessage);

        // Act
        var response = await turn.SendAsync("Hello");

        // Assert
        var call = Assert.Single(_connector.Calls);
        Assert.Equal(nameof(RecordingConnectorClient.SendToConversationAsync), call.Operation);
        Assert.Equal("https://smba.trafficmanager.net/amer/", call.ServiceUrl);
        Assert.Equal(turn.Activity.Conversation?.Id, call.ConversationId);
        Assert.Equal("sent-1", response.Id);

        var sent = call.Activity!;
        Assert.Equal(ActivityTypes.Message, sent.Type);
        Assert.Equal("Hello", sent.Text);
        Assert.Equal(turn.Activity.Recipient?.Id, sent.From?.Id);
        Assert.Equal(turn.Activity.From?.Id, sent.Recipient?.Id);
        Assert.Equal(turn.Activity.Conversation?.Id, sent.Conversation?.Id);
        Assert.Equal("msteams", sent.ChannelId);
        Assert.Equal(turn.Activity.ServiceUrl, sent.ServiceUrl);
        Assert.Null(sent.ReplyToId);
    }

    [Fact]
    public async Task SendAsync_ChannelThread_RepliesToTheInboundActivity()
    {
        // Arrange
        var turn = Turn(Fixture.ChannelMessageWithMention);

        // Act
        await turn.SendAsync(Activity.CreateMessage("In the thread"));

        // Assert
        var call = Assert.Single(_connector.Calls);
        Assert.Equal(nameof(RecordingConnectorClient.ReplyToActivityAsync), call.Operation);
        Assert.Equal("1481567603816", call.ActivityId);
        Assert.Equal("19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2;messageid=1481567603816", call.ConversationId);
        Assert.Equal("1481567603816", call.Activity?.ReplyToId);
    }

    [Fact]
    public async Task UpdateAsync_EarlierActivity_ReplacesItById()
    {
        // Arrange
        var turn = Turn(Fixture.AdaptiveCardAction);

        // Act
        await turn.UpdateAsync("1715677912345", Activity.CreateMessage("Updated"));

        // Assert
        var call = Assert.Single(_connector.Calls);
        Assert.Equal(nameof(RecordingConnectorClient.UpdateActivityAsync), call.Operation);
        Assert.Equal("1715677912345", call.ActivityId);
        Assert.Equal("1715677912345", call.Activity?.Id);
        Assert.Equal(turn.Activity.Conversation?.Id, call.ConversationId);
    }

    [Fact]
    public async Task SendAsync_InboundWithoutServiceUrl_Throws()
    {
        // Arrange
        var turn = new TurnContext(new Activity { Type = ActivityTypes.Event }, new ServiceCollection().BuildServiceProvider(), _connector);

        // Act & Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => turn.SendAsync("lost"));
        Assert.Empty(_connector.Calls);
    }
}
