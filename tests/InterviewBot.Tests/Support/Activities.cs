using System.Text.Json;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Tests.Support;

/// <summary>Inbound activities shaped as Teams sends them.</summary>
internal static class Activities
{
    public static Activity PersonalMessage(string text, string aadObjectId = TestData.InterviewerId, string teamsId = TestData.InterviewerTeamsId, string conversationId = TestData.InterviewerConversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1715677912345",
        ChannelId = "msteams",
        ServiceUrl = TestData.ServiceUrl,
        Text = text,
        From = new ChannelAccount(teamsId, "Someone", aadObjectId),
        Recipient = new ChannelAccount(TestData.BotId, "InterviewBot"),
        Conversation = new ConversationAccount(conversationId, ConversationType: "personal", TenantId: TestData.TenantId),
        ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = TestData.TenantId } }),
        LocalTimezone = "Europe/Berlin",
    };

    /// <summary>A message in a team channel that mentioned the bot, as Teams delivers it (the mention already stripped from <paramref name="text"/>).</summary>
    public static Activity ChannelMessage(string text, string aadObjectId, string teamsId, string channelId = TestData.HiringChannelId) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1715677999999",
        ChannelId = "msteams",
        ServiceUrl = TestData.ServiceUrl,
        Text = text,
        From = new ChannelAccount(teamsId, "Someone", aadObjectId),
        Recipient = new ChannelAccount(TestData.BotId, "InterviewBot"),
        Conversation = new ConversationAccount(channelId + ";messageid=1715677999999", ConversationType: "channel", TenantId: TestData.TenantId, IsGroup: true),
        ChannelData = JsonSerializer.SerializeToElement(new
        {
            tenant = new { id = TestData.TenantId },
            team = new { id = TestData.TeamId, name = "Hiring" },
            channel = new { id = channelId, name = "ML hiring" },
        }),
    };

    /// <summary>A button pressed on a card the bot posted in a team channel thread.</summary>
    public static Activity ChannelCardAction(string verb, JsonElement data, string aadObjectId, string channelId = TestData.HiringChannelId)
    {
        var activity = CardAction(verb, data, aadObjectId);
        var channel = ChannelMessage(string.Empty, aadObjectId, "29:caller", channelId);
        activity.Conversation = channel.Conversation;
        activity.ChannelData = channel.ChannelData;
        return activity;
    }

    public static Activity CardAction(string verb, JsonElement data, string aadObjectId) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = AdaptiveCardInvokeValue.InvokeName,
        Id = "f:invoke-1",
        ChannelId = "msteams",
        ServiceUrl = TestData.ServiceUrl,
        From = new ChannelAccount("29:caller", "Caller", aadObjectId),
        Recipient = new ChannelAccount(TestData.BotId, "InterviewBot"),
        Conversation = new ConversationAccount("a:personal-caller", ConversationType: "personal", TenantId: TestData.TenantId),
        ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = TestData.TenantId } }),
        Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" }),
    };
}
