using System.Text.Json;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Cards;

public sealed class AdaptiveCardSerializationTests
{
    private static string Serialize(AdaptiveElement element) => JsonSerializer.Serialize(element, AdaptiveCardSerializer.Options);

    private static string Serialize(AdaptiveAction action) => JsonSerializer.Serialize(action, AdaptiveCardSerializer.Options);

    [Fact]
    public void Serialize_Card_WritesSchemaTypeVersionAndTeamsWidth()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("Hello")],
            Actions = [new ActionOpenUrl("https://example.com") { Title = "Open" }],
            FallbackText = "Hello",
            Speak = "Hello",
            MSTeams = new MSTeamsCardOptions { Width = "Full" },
        };

        // Act
        var json = AdaptiveCardSerializer.Serialize(card);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "type": "AdaptiveCard",
              "version": "1.5",
              "body": [ { "type": "TextBlock", "text": "Hello" } ],
              "actions": [ { "type": "Action.OpenUrl", "url": "https://example.com", "title": "Open" } ],
              "fallbackText": "Hello",
              "speak": "Hello",
              "msteams": { "width": "Full" }
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_CardWithRefresh_WritesTheActionWithItsTypeAndTheUserIds()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Refresh = new AdaptiveRefresh
            {
                Action = new ActionExecute { Verb = "card.refresh", Data = new { itemId = "item-7" } },
                UserIds = ["29:user-a", "29:user-b"],
            },
        };

        // Act
        var json = AdaptiveCardSerializer.Serialize(card);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "type": "AdaptiveCard",
              "version": "1.5",
              "refresh": {
                "action": { "type": "Action.Execute", "verb": "card.refresh", "data": { "itemId": "item-7" } },
                "userIds": [ "29:user-a", "29:user-b" ]
              },
              "body": []
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_TextBlockWithEveryOption_WritesSchemaSpellings()
    {
        // Arrange
        var element = new TextBlock("Title")
        {
            Id = "title",
            Wrap = true,
            Size = TextSize.ExtraLarge,
            Weight = TextWeight.Bolder,
            Color = TextColor.Attention,
            IsSubtle = true,
            MaxLines = 2,
            HorizontalAlignment = HorizontalAlignment.Center,
            Style = TextBlockStyle.Heading,
            Spacing = Spacing.Medium,
            Separator = true,
            IsVisible = false,
            Height = ElementHeight.Stretch,
        };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "TextBlock", "text": "Title", "id": "title", "wrap": true, "size": "extraLarge",
              "weight": "bolder", "color": "attention", "isSubtle": true, "maxLines": 2,
              "horizontalAlignment": "center", "style": "heading", "spacing": "medium",
              "separator": true, "isVisible": false, "height": "stretch"
            }
            """,
            json);
        Assert.StartsWith("""{"type":"TextBlock",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_RichTextBlock_WritesInlineTextRuns()
    {
        // Arrange
        var element = new RichTextBlock([new TextRun("Strong") { Weight = TextWeight.Bolder, Color = TextColor.Good }, new TextRun(" and quiet") { IsSubtle = true, Italic = true }]);

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "RichTextBlock",
              "inlines": [
                { "type": "TextRun", "text": "Strong", "weight": "bolder", "color": "good" },
                { "type": "TextRun", "text": " and quiet", "isSubtle": true, "italic": true }
              ]
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_ContainerWithSelectAction_WritesStyleBleedAndItems()
    {
        // Arrange
        var element = new Container([new TextBlock("Inside")])
        {
            Style = ContainerStyle.Emphasis,
            Bleed = true,
            SelectAction = new ActionToggleVisibility(["details"]),
        };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Container",
              "items": [ { "type": "TextBlock", "text": "Inside" } ],
              "style": "emphasis",
              "bleed": true,
              "selectAction": { "type": "Action.ToggleVisibility", "targetElements": [ "details" ] }
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_ColumnSet_WritesColumnsWithTheirTypeAndWidth()
    {
        // Arrange
        var element = new ColumnSet(
        [
            new Column([new TextBlock("Left")]) { Width = "auto" },
            new Column([new TextBlock("Right")]) { Width = "stretch", Style = ContainerStyle.Good },
        ]);

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "ColumnSet",
              "columns": [
                { "type": "Column", "items": [ { "type": "TextBlock", "text": "Left" } ], "width": "auto" },
                { "type": "Column", "items": [ { "type": "TextBlock", "text": "Right" } ], "width": "stretch", "style": "good" }
              ]
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_FactSet_WritesTitlesAndValues()
    {
        // Arrange
        var element = new FactSet([new Fact("Due", "Friday"), new Fact("Owner", "Jane")]);

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "FactSet", "facts": [ { "title": "Due", "value": "Friday" }, { "title": "Owner", "value": "Jane" } ] }""",
            json);
    }

    [Fact]
    public void Serialize_ActionSet_WritesItsActions()
    {
        // Arrange
        var element = new ActionSet([new ActionExecute { Title = "Go", Verb = "go", Style = ActionStyle.Positive }]);

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "ActionSet", "actions": [ { "type": "Action.Execute", "title": "Go", "verb": "go", "style": "positive" } ] }""",
            json);
    }

    [Fact]
    public void Serialize_Image_WritesUrlAltTextAndSize()
    {
        // Arrange
        var element = new Image("https://example.com/a.png") { AltText = "A chart", Size = ImageSize.Medium, Style = ImageStyle.Person };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "Image", "url": "https://example.com/a.png", "altText": "A chart", "size": "medium", "style": "person" }""",
            json);
    }

    [Fact]
    public void Serialize_InputText_WritesValidationAndTextOptions()
    {
        // Arrange
        var element = new InputText("notes")
        {
            Label = "Notes",
            IsRequired = true,
            ErrorMessage = "Write something",
            Placeholder = "What happened?",
            IsMultiline = true,
            MaxLength = 4000,
            Value = "draft",
            Regex = "^.{10,}$",
        };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Input.Text", "id": "notes", "label": "Notes", "isRequired": true, "errorMessage": "Write something",
              "placeholder": "What happened?", "isMultiline": true, "maxLength": 4000, "value": "draft", "regex": "^.{10,}$"
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_InputChoiceSet_WritesChoicesAndStyle()
    {
        // Arrange
        var element = new InputChoiceSet("level", [new Choice("Low", "1"), new Choice("High", "5")])
        {
            Style = ChoiceInputStyle.Expanded,
            IsMultiSelect = false,
            Value = "5",
            Wrap = true,
            Placeholder = "Pick one",
        };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Input.ChoiceSet", "id": "level",
              "choices": [ { "title": "Low", "value": "1" }, { "title": "High", "value": "5" } ],
              "style": "expanded", "isMultiSelect": false, "value": "5", "wrap": true, "placeholder": "Pick one"
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_InputToggle_WritesTitleAndValues()
    {
        // Arrange
        var element = new InputToggle("skip", "Not assessed") { Value = "false", ValueOn = "true", ValueOff = "false", Wrap = true };

        // Act
        var json = Serialize(element);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "Input.Toggle", "id": "skip", "title": "Not assessed", "value": "false", "valueOn": "true", "valueOff": "false", "wrap": true }""",
            json);
    }

    [Fact]
    public void Serialize_InputNumberAndDate_WriteTheirBounds()
    {
        // Arrange
        var number = new InputNumber("count") { Min = 1, Max = 5, Value = 3 };
        var date = new InputDate("when") { Min = "2024-01-01", Value = "2024-02-01" };

        // Act
        var numberJson = Serialize(number);
        var dateJson = Serialize(date);

        // Assert
        JsonAssert.Equivalent("""{ "type": "Input.Number", "id": "count", "min": 1, "max": 5, "value": 3 }""", numberJson);
        JsonAssert.Equivalent("""{ "type": "Input.Date", "id": "when", "min": "2024-01-01", "value": "2024-02-01" }""", dateJson);
    }

    [Fact]
    public void Serialize_ActionExecute_WritesVerbDataAndAssociatedInputs()
    {
        // Arrange
        var action = new ActionExecute
        {
            Title = "Submit",
            Id = "submit",
            Verb = "form.submit",
            Data = new Dictionary<string, string> { ["formId"] = "f-1" },
            AssociatedInputs = AssociatedInputs.Auto,
            Style = ActionStyle.Positive,
            IconUrl = "https://example.com/i.png",
        };

        // Act
        var json = Serialize(action);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Action.Execute", "title": "Submit", "id": "submit", "verb": "form.submit",
              "data": { "formId": "f-1" }, "associatedInputs": "auto", "style": "positive", "iconUrl": "https://example.com/i.png"
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_ActionSubmit_WritesDataAndAssociatedInputs()
    {
        // Arrange
        var action = new ActionSubmit { Title = "Cancel", Data = new { action = "cancel" }, AssociatedInputs = AssociatedInputs.None, Style = ActionStyle.Destructive };

        // Act
        var json = Serialize(action);

        // Assert
        JsonAssert.Equivalent(
            """{ "type": "Action.Submit", "title": "Cancel", "data": { "action": "cancel" }, "associatedInputs": "none", "style": "destructive" }""",
            json);
    }

    [Fact]
    public void Serialize_ActionShowCard_NestsTheCard()
    {
        // Arrange
        var action = new ActionShowCard(new AdaptiveCard { Body = [new TextBlock("More")] }) { Title = "Details" };

        // Act
        var json = Serialize(action);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Action.ShowCard", "title": "Details",
              "card": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.5",
                "body": [ { "type": "TextBlock", "text": "More" } ]
              }
            }
            """,
            json);
    }

    [Fact]
    public void Deserialize_SerializedCard_ReadsBackTheSameCard()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Refresh = new AdaptiveRefresh { Action = new ActionExecute { Verb = "r" }, UserIds = ["29:a"] },
            Body =
            [
                new Container([new InputChoiceSet("c", [new Choice("A", "a")]) { Style = ChoiceInputStyle.Compact }]),
                new ColumnSet([new Column([new InputToggle("t", "T")]) { Width = "1" }]),
                new ActionSet([new ActionShowCard(new AdaptiveCard { Body = [new InputDate("d")] })]),
            ],
        };
        var json = AdaptiveCardSerializer.Serialize(card);

        // Act
        var read = AdaptiveCardSerializer.Deserialize(json);

        // Assert
        JsonAssert.Equivalent(json, AdaptiveCardSerializer.Serialize(read));
        Assert.IsType<InputChoiceSet>(Assert.IsType<Container>(read.Body[0]).Items[0]);
        Assert.Equal("r", read.Refresh?.Action.Verb);
    }

    [Fact]
    public void ToJsonElement_Card_IsTheSameAsItsSerializedText()
    {
        // Arrange
        var card = new AdaptiveCard { Body = [new FactSet([new Fact("a", "b")])] };

        // Act
        var element = AdaptiveCardSerializer.ToJsonElement(card);

        // Assert
        JsonAssert.Equivalent(AdaptiveCardSerializer.Serialize(card), element.GetRawText());
    }
}
