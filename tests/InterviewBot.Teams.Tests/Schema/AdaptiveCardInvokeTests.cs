using System.Text.Json;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Schema;

public sealed class AdaptiveCardInvokeTests
{
    [Fact]
    public void FromActivity_AdaptiveCardActionInvoke_ReadsVerbDataAndTrigger()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.AdaptiveCardAction);

        // Act
        var value = AdaptiveCardInvokeValue.FromActivity(activity);

        // Assert
        Assert.NotNull(value?.Action);
        Assert.Equal("Action.Execute", value.Action.Type);
        Assert.Equal("vote", value.Action.Id);
        Assert.Equal("poll.vote", value.Action.Verb);
        Assert.Equal("poll-42", value.Action.GetDataString("pollId"));
        Assert.Equal("Second option, please", value.Action.Data.GetProperty("comment").GetString());
        Assert.Equal("manual", value.Trigger);
        Assert.False(value.IsAutomaticRefresh);
        Assert.Equal("Vote", value.Action.ExtensionData?["title"].GetString());
    }

    [Fact]
    public void FromActivity_MessageActivity_ReturnsNull()
    {
        // Arrange
        var activity = Fixture.Activity(Fixture.ActionSubmit);

        // Act
        var value = activity.GetAdaptiveCardInvokeValue();

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void FromActivity_ValueOfTheWrongShape_ReturnsNullInsteadOfThrowing()
    {
        // Arrange
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = AdaptiveCardInvokeValue.InvokeName,
            Value = JsonDocument.Parse("""{ "action": "not an object" }""").RootElement,
        };

        // Act
        var value = AdaptiveCardInvokeValue.FromActivity(activity);

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void GetDataString_NumberAndMissingValues_ReturnTextAndNull()
    {
        // Arrange
        var action = new AdaptiveCardInvokeAction { Data = JsonDocument.Parse("""{ "rating": 4, "done": true }""").RootElement };

        // Act & Assert
        Assert.Equal("4", action.GetDataString("rating"));
        Assert.Equal("true", action.GetDataString("done"));
        Assert.Null(action.GetDataString("absent"));
    }

    [Fact]
    public void Card_NewCard_AnswersWithTheDocumentedCardShape()
    {
        // Arrange
        var card = new AdaptiveCard { Body = [new TextBlock("Thanks")] };

        // Act
        var response = AdaptiveCardInvokeResponse.Card(card);
        var body = JsonSerializer.Serialize(response.Body, TeamsJson.Options);

        // Assert
        Assert.Equal(200, response.Status);
        JsonAssert.Equivalent(
            """
            {
              "statusCode": 200,
              "type": "application/vnd.microsoft.card.adaptive",
              "value": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.5",
                "body": [ { "type": "TextBlock", "text": "Thanks" } ]
              }
            }
            """,
            body);
    }

    [Fact]
    public void Message_Text_AnswersWithTheDocumentedMessageShape()
    {
        // Act
        var response = AdaptiveCardInvokeResponse.Message("Saved");
        var body = JsonSerializer.Serialize(response.Body, TeamsJson.Options);

        // Assert
        Assert.Equal(200, response.Status);
        JsonAssert.Equivalent("""{ "statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": "Saved" }""", body);
    }

    [Fact]
    public void Error_BadRequest_PutsTheStatusInTheBodyAndAnswersHttp200()
    {
        // Act
        var response = AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The choice is missing.");
        var body = JsonSerializer.Serialize(response.Body, TeamsJson.Options);

        // Assert
        Assert.Equal(200, response.Status);
        JsonAssert.Equivalent(
            """{ "statusCode": 400, "type": "application/vnd.microsoft.error", "value": { "code": "BadRequest", "message": "The choice is missing." } }""",
            body);
    }

    [Fact]
    public void Error_SuccessStatusCode_IsRejected()
    {
        // Act & Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveCardInvokeResponse.Error(200, "Ok", "not an error"));
    }
}
