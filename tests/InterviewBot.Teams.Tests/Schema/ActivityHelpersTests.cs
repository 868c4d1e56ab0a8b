using System.Text.Json;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Schema;

public sealed class ActivityHelpersTests
{
    private const string BotId = "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c";

    [Fact]
    public void GetTextWithoutMentionOf_ChannelMessageMentioningTheBot_ReturnsTheCommandWithEntitiesDecoded()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ChannelMessageWithMention);

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal("summary for Q3 & Q4", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_NullBotId_UsesTheRecipient()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ChannelMessageWithMention);

        // Act
        var text = activity.GetTextWithoutMentionOf(null);

        // Assert
        Assert.Equal("summary for Q3 & Q4", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_MentionOfSomeoneElse_KeepsTheirMention()
    {
        // Arrange
        var activity = new Activity
        {
            Text = "<at>Contoso Helper</at> remind <at>Jane Smith</at>",
            Recipient = new ChannelAccount(BotId, "Contoso Helper"),
            Entities =
            [
                Entity.CreateMention(new ChannelAccount(BotId, "Contoso Helper")),
                Entity.CreateMention(new ChannelAccount("29:jane", "Jane Smith")),
            ],
        };

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal("remind <at>Jane Smith</at>", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_EntityTextDiffersFromMessageText_StillRemovesTheBotTag()
    {
        // Arrange: the documented sample carries "<at>@Name</at>" in the entity but "<at>Name</at>" in the text.
        var activity = new Activity
        {
            Text = "Hey <at>Contoso Helper</at> help",
            Entities = [Entity.CreateMention(new ChannelAccount(BotId, "Contoso Helper"), "<at>@Contoso Helper</at>")],
        };

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal("Hey help", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_BareTagOfTheBotWithoutEntity_IsRemoved()
    {
        // Arrange
        var activity = new Activity
        {
            Text = "<at>Contoso Helper</at>&nbsp;status",
            Recipient = new ChannelAccount(BotId, "Contoso Helper"),
        };

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal("status", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_PersonalMessage_ReturnsTheTrimmedText()
    {
        // Arrange
        var activity = new Activity { Text = "  status  " };

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal("status", text);
    }

    [Fact]
    public void GetTextWithoutMentionOf_NoText_ReturnsEmpty()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ActionSubmit);

        // Act
        var text = activity.GetTextWithoutMentionOf(BotId);

        // Assert
        Assert.Equal(string.Empty, text);
    }

    [Fact]
    public void GetTenantId_ChannelDataHasTenant_ReturnsIt()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.InstallationAdd);

        // Act
        var tenantId = activity.GetTenantId();

        // Assert
        Assert.Equal("ce067f64-338d-44a0-89fb-7fc8973e254f", tenantId);
    }

    [Fact]
    public void GetTenantId_OnlyConversationHasTenant_FallsBackToIt()
    {
        // Arrange
        var activity = new Activity { Conversation = new ConversationAccount("a:1", TenantId: "tenant-from-conversation") };

        // Act
        var tenantId = activity.GetTenantId();

        // Assert
        Assert.Equal("tenant-from-conversation", tenantId);
    }

    [Fact]
    public void GetTenantId_ChannelDataAndConversationDisagree_PrefersChannelData()
    {
        // Arrange
        var activity = new Activity
        {
            Conversation = new ConversationAccount("a:1", TenantId: "conversation-tenant"),
            ChannelData = JsonDocument.Parse("""{ "tenant": { "id": "channel-tenant" } }""").RootElement,
        };

        // Act
        var tenantId = activity.GetTenantId();

        // Assert
        Assert.Equal("channel-tenant", tenantId);
    }

    [Fact]
    public void GetTenantId_NoTenantAnywhere_ReturnsNull()
    {
        // Arrange
        var activity = new Activity { ChannelData = JsonDocument.Parse("\"not an object\"").RootElement };

        // Act
        var tenantId = activity.GetTenantId();

        // Assert
        Assert.Null(tenantId);
    }

    [Fact]
    public void GetTimeZone_LocalTimezoneSet_ReturnsIt()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.PersonalMessage);

        // Act
        var zone = activity.GetTimeZone();

        // Assert
        Assert.Equal("America/Los_Angeles", zone);
    }

    [Fact]
    public void GetTimeZone_OnlyClientInfoEntity_ReturnsItsTimezone()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.AdaptiveCardAction);

        // Act
        var zone = activity.GetTimeZone();

        // Assert
        Assert.Null(activity.LocalTimezone);
        Assert.Equal("Europe/Berlin", zone);
    }

    [Fact]
    public void GetTimeZone_NoZoneAnywhere_ReturnsNull()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.InstallationAdd);

        // Act
        var zone = activity.GetTimeZone();

        // Assert
        Assert.Null(zone);
    }

    [Fact]
    public void GetConversationReference_InboundMessage_PointsBackAtTheConversation()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ChannelMessageWithMention);

        // Act
        var reference = activity.GetConversationReference();

        // Assert
        Assert.Equal("1481567603816", reference.ActivityId);
        Assert.Equal(BotId, reference.Bot?.Id);
        Assert.Equal("29:9e52142b-5e5e-4d7b-bb3e-e82dcf620000", reference.User?.Id);
        Assert.Equal("19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2;messageid=1481567603816", reference.Conversation?.Id);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reference.ServiceUrl);
        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("en-GB", reference.Locale);
    }

    [Fact]
    public void ApplyConversationReference_StoredReference_AddressesTheActivityFromTheBot()
    {
        // Arrange
        var reference = Fixture.Activity(Fixture.PersonalMessage).GetConversationReference();
        var outbound = Activity.CreateMessage("reminder");

        // Act
        outbound.ApplyConversationReference(reference);

        // Assert
        Assert.Equal(BotId, outbound.From?.Id);
        Assert.Equal(reference.User?.Id, outbound.Recipient?.Id);
        Assert.Equal(reference.Conversation?.Id, outbound.Conversation?.Id);
        Assert.Equal(reference.ServiceUrl, outbound.ServiceUrl);
    }

    [Theory]
    [InlineData(ConversationTypes.Personal, null, false)]
    [InlineData(ConversationTypes.GroupChat, null, true)]
    [InlineData(ConversationTypes.Channel, null, true)]
    [InlineData(null, true, true)]
    [InlineData(null, null, false)]
    public void IsGroupConversation_ConversationShape_TellsWhetherOthersAreThere(string? conversationType, bool? isGroup, bool expected)
    {
        // Arrange
        var activity = new Activity { Conversation = new ConversationAccount("c", ConversationType: conversationType, IsGroup: isGroup) };

        // Act
        var result = activity.IsGroupConversation;

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void CreateMessage_Card_AttachesItAsAnAdaptiveCard()
    {
        // Arrange
        var card = new AdaptiveCard { Body = [new TextBlock("Hello")] };

        // Act
        var activity = Activity.CreateMessage(card, "Your card");
        var json = JsonSerializer.SerializeToElement(activity, TeamsJson.Options);

        // Assert
        var attachment = json.GetProperty("attachments")[0];
        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("Your card", json.GetProperty("text").GetString());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", attachment.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal("Hello", attachment.GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void GetTeamsChannelData_ChannelMessage_ReadsTeamChannelAndTenant()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ChannelMessageWithMention);

        // Act
        var channelData = activity.GetTeamsChannelData();

        // Assert
        Assert.Equal("19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2", channelData?.Channel?.Id);
        Assert.Equal("19:efa9296d959346209fea44151c742e73@thread.tacv2", channelData?.Team?.Id);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", channelData?.Tenant?.Id);
    }

    [Fact]
    public void SetTeamsChannelData_NotificationAlert_IsWrittenAsChannelData()
    {
        // Arrange
        var activity = Activity.CreateMessage("You have a reminder");

        // Act
        activity.SetTeamsChannelData(new TeamsChannelData { Notification = new NotificationInfo(Alert: true) });
        var json = JsonSerializer.Serialize(activity, TeamsJson.Options);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "message", "text": "You have a reminder", "textFormat": "markdown", "channelData": { "notification": { "alert": true } } }""",
            json);
    }

    [Fact]
    public void GetMentioned_MentionEntity_ReadsTheAccountAndText()
    {
        // Arrange
        var entity = Fixture.Activity(Fixture.ChannelMessageWithMention).Entities![0];

        // Act
        var mentioned = entity.GetMentioned();
        var text = entity.GetMentionText();

        // Assert
        Assert.Equal(BotId, mentioned?.Id);
        Assert.Equal("<at>Contoso Helper</at>", text);
    }
}
