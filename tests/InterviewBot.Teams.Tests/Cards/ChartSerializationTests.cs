using System.Text.Json;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Cards;

public sealed class ChartSerializationTests
{
    private static string Serialize(AdaptiveElement element) => JsonSerializer.Serialize(element, AdaptiveCardSerializer.Options);

    [Fact]
    public void Serialize_VerticalBarChartWithFallback_WritesTheTeamsChartShape()
    {
        // Arrange
        var chart = new VerticalBarChart([new BarChartPoint("Design", 3.5), new BarChartPoint("Coding", 4) { Color = "good" }])
        {
            Title = "Mean score",
            XAxisTitle = "Dimension",
            YAxisTitle = "Mean (1-5)",
            Color = "categoricalBlue",
            ShowBarValues = true,
            Fallback = ElementFallback.To(new TextBlock("Design: 3.5")),
        };

        // Act
        var json = Serialize(chart);

        // Assert
        JsonAssert.Equivalent(
            """
            {
              "type": "Chart.VerticalBar",
              "title": "Mean score",
              "xAxisTitle": "Dimension",
              "yAxisTitle": "Mean (1-5)",
              "color": "categoricalBlue",
              "showBarValues": true,
              "data": [ { "x": "Design", "y": 3.5 }, { "x": "Coding", "y": 4, "color": "good" } ],
              "fallback": { "type": "TextBlock", "text": "Design: 3.5" }
            }
            """,
            json);
    }

    [Fact]
    public void Serialize_DropFallback_WritesTheWordDrop()
    {
        // Arrange
        var chart = new VerticalBarChart([new BarChartPoint("Design", 3)]) { Fallback = ElementFallback.Drop };

        // Act
        var json = Serialize(chart);

        // Assert
        JsonAssert.Equivalent("""{ "type": "Chart.VerticalBar", "data": [ { "x": "Design", "y": 3 } ], "fallback": "drop" }""", json);
    }

    [Fact]
    public void Serialize_ElementWithoutFallback_WritesNoFallback()
    {
        // Act
        var json = Serialize(new TextBlock("Hello"));

        // Assert
        JsonAssert.Equivalent("""{ "type": "TextBlock", "text": "Hello" }""", json);
    }

    [Fact]
    public void Deserialize_CardWithChartAndNestedFallback_ReadsBackTheSameCard()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Body =
            [
                new VerticalBarChart([new BarChartPoint("Design", 3.5)])
                {
                    Title = "Mean score",
                    Fallback = ElementFallback.To(new Container([new RichTextBlock([new TextRun("Design: 3.5")])])),
                },
                new TextBlock("After") { Fallback = ElementFallback.Drop },
            ],
        };
        var json = AdaptiveCardSerializer.Serialize(card);

        // Act
        var read = AdaptiveCardSerializer.Deserialize(json);

        // Assert
        var chart = Assert.IsType<VerticalBarChart>(read.Body[0]);
        Assert.Equal("Mean score", chart.Title);
        Assert.Equal([new BarChartPoint("Design", 3.5)], chart.Data);
        var fallback = Assert.IsType<Container>(chart.Fallback?.Element);
        Assert.Equal("Design: 3.5", Assert.IsType<RichTextBlock>(Assert.Single(fallback.Items)).Inlines[0].Text);
        Assert.True(read.Body[1].Fallback?.IsDrop);
        Assert.Equal(json, AdaptiveCardSerializer.Serialize(read));
    }

    [Fact]
    public void Deserialize_FallbackThatIsAnotherWord_IsRejected()
    {
        // Arrange
        const string json = """{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "x", "fallback": "hide" } ] }""";

        // Act and assert
        Assert.Throws<JsonException>(() => AdaptiveCardSerializer.Deserialize(json));
    }
}
