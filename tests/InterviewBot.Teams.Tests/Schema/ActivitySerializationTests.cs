using System.Text.Json;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Schema;

public sealed class ActivitySerializationTests
{
    [Theory]
    [InlineData(Fixture.PersonalMessage)]
    [InlineData(Fixture.ChannelMessageWithMention)]
    [InlineData(Fixture.MembersAdded)]
    [InlineData(Fixture.InstallationAdd)]
    [InlineData(Fixture.AdaptiveCardAction)]
    [InlineData(Fixture.ActionSubmit)]
    public void Serialize_DocumentedTeamsPayload_RoundTripsWithoutLoss(string fixture)
    {
        // Arrange
        var json = Fixture.Read(fixture);

        // Act
        var activity = JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options);
        var written = JsonSerializer.Serialize(activity, TeamsJson.Options);

        // Assert
        JsonAssert.Equivalent(json, written);
    }

    [Fact]
    public void Deserialize_PersonalMessage_ReadsTheAddressingFields()
    {
        // Act
        var activity = Fixture.Activity(Fixture.PersonalMessage);

        // Assert
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("status", activity.Text);
        Assert.Equal("https://smba.trafficmanager.net/amer/", activity.ServiceUrl);
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("7faf080f-1c5c-4b55-9f9d-b2a7ab5cd9be", activity.From?.AadObjectId);
        Assert.Equal("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", activity.Recipient?.Id);
        Assert.Equal(ConversationTypes.Personal, activity.Conversation?.ConversationType);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 21, 10, 7, 437, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(-7), activity.LocalTimestamp?.Offset);
        Assert.False(activity.IsGroupConversation);
    }

    [Fact]
    public void Deserialize_MembersAdded_ReadsMembersAndTeamsChannelData()
    {
        // Act
        var activity = Fixture.Activity(Fixture.MembersAdded);
        var channelData = activity.GetTeamsChannelData();

        // Assert
        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", Assert.Single(activity.MembersAdded!).Id);
        Assert.Equal("teamMemberAdded", channelData?.EventType);
        Assert.Equal("Contoso Sales", channelData?.Team?.Name);
        Assert.Equal("3d5d4c90-1ae9-41c7-9471-7ccd37ddb7d4", channelData?.Team?.AadGroupId);
        Assert.True(activity.IsGroupConversation);
    }

    [Fact]
    public void Deserialize_InstallationAdd_ReadsActionAndSelectedChannel()
    {
        // Act
        var activity = Fixture.Activity(Fixture.InstallationAdd);
        var channelData = activity.GetTeamsChannelData();

        // Assert
        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal("add", activity.Action);
        Assert.Equal("19:7c8cd8b4b4ad4e73a2957e6daad706ef@thread.tacv2", channelData?.Settings?.SelectedChannel?.Id);
        Assert.Equal("Sales and Marketing", channelData?.Team?.Name);
        Assert.True(channelData?.ExtensionData?.ContainsKey("source"));
    }

    [Fact]
    public void Deserialize_ActionSubmit_HasValueAndNoText()
    {
        // Act
        var activity = Fixture.Activity(Fixture.ActionSubmit);

        // Assert
        Assert.Null(activity.Text);
        Assert.Equal("poll.vote", activity.Value?.GetProperty("action").GetString());
        Assert.Equal("2", activity.Value?.GetProperty("choice").GetString());
    }

    [Fact]
    public void Serialize_UnknownFieldsAtEveryLevel_ArePreserved()
    {
        // Arrange
        const string json = """
            {
              "type": "message",
              "text": "hi",
              "valueType": "application/x-future",
              "futureField": { "nested": [1, 2, { "deep": true }] },
              "from": { "id": "29:a", "userRole": "anonymous" },
              "recipient": { "id": "28:b", "agenticAppId": "x" },
              "conversation": { "id": "a:1", "properties": { "k": "v" } },
              "entities": [ { "type": "streaminfo", "streamId": "s1", "streamSequence": 3 } ],
              "attachments": [ { "contentType": "text/html", "content": "<p>hi</p>", "thumbnailUrl": "https://example.com/t.png" } ]
            }
            """;

        // Act
        var activity = JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options)!;
        var written = JsonSerializer.Serialize(activity, TeamsJson.Options);

        // Assert
        JsonAssert.Equivalent(json, written);
        Assert.Equal("application/x-future", activity.ExtensionData?["valueType"].GetString());
        Assert.Equal("anonymous", activity.From?.ExtensionData?["userRole"].GetString());
    }

    [Fact]
    public void Deserialize_FieldsInOtherCasingAndLooseTypes_AreReadInsteadOfFailing()
    {
        // Arrange: the Teams docs show "localTimeZone"; some senders write flags as strings.
        const string json = """
            {
              "type": "message",
              "localTimeZone": "Asia/Tokyo",
              "timestamp": "not a timestamp",
              "conversation": { "id": "19:x@thread.tacv2", "isGroup": "True" }
            }
            """;

        // Act
        var activity = JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options)!;

        // Assert
        Assert.Equal("Asia/Tokyo", activity.LocalTimezone);
        Assert.Null(activity.Timestamp);
        Assert.True(activity.Conversation?.IsGroup);
    }

    [Fact]
    public void Serialize_OutboundMessage_IsCamelCaseWithoutNulls()
    {
        // Arrange
        var activity = Activity.CreateMessage("**Done**");

        // Act
        var written = JsonSerializer.Serialize(activity, TeamsJson.Options);

        // Assert
        JsonAssert.Equivalent("""{ "type": "message", "text": "**Done**", "textFormat": "markdown" }""", written);
    }
}
